/// An accelerator and its peak dense BF16 tensor throughput, to turn GPU-hours into FLOPs
/// (methods.md §1.7: C = GPU-hours × 3600 × peak × MFU).
///
/// Figures are the vendors' datasheet numbers for dense (not 2:4 sparse) BF16. methods.md
/// §11 lists hardware peaks as [U]: recalled vendor figures, not re-read from the datasheets
/// in this project. The panel shows the peak beside the name so a user can override it.
public struct HardwarePreset: Sendable, Equatable {
    public var name: String
    /// Peak dense BF16 throughput of one device, FLOP/s.
    public var peakFLOPsPerSecond: Double
    /// Where the figure comes from.
    public var source: String

    public init(name: String, peakFLOPsPerSecond: Double, source: String) {
        self.name = name
        self.peakFLOPsPerSecond = peakFLOPsPerSecond
        self.source = source
    }

    /// Known presets, in the order a list shows them.
    public static let all: [HardwarePreset] = [
        // NVIDIA A100 datasheet: BF16 tensor core 312 TFLOPS (624 with sparsity).
        HardwarePreset(name: "A100", peakFLOPsPerSecond: 312e12, source: "NVIDIA A100 datasheet, BF16 dense"),
        // NVIDIA H100 datasheet, SXM: BF16 1,979 TFLOPS with sparsity, so 989 dense.
        HardwarePreset(name: "H100", peakFLOPsPerSecond: 989e12, source: "NVIDIA H100 SXM datasheet, BF16 dense (half the sparse 1,979)"),
        // NVIDIA H100 datasheet, PCIe: 1,513 TFLOPS with sparsity, so 756 dense.
        HardwarePreset(name: "H100-PCIe", peakFLOPsPerSecond: 756e12, source: "NVIDIA H100 PCIe datasheet, BF16 dense (half the sparse 1,513)"),
        // NVIDIA H200 datasheet: the H100's tensor cores, so the same 989 dense.
        HardwarePreset(name: "H200", peakFLOPsPerSecond: 989e12, source: "NVIDIA H200 datasheet, BF16 dense (half the sparse 1,979)"),
        // NVIDIA HGX B200 datasheet: 4.5 PFLOPS BF16 with sparsity per GPU, so 2.25 dense.
        HardwarePreset(name: "B200", peakFLOPsPerSecond: 2250e12, source: "NVIDIA HGX B200 datasheet, BF16 dense (half the sparse 4.5 PF)"),
        // AMD Instinct MI300X datasheet: 1,307.4 TFLOPS BF16 dense (2,614.9 with sparsity).
        HardwarePreset(name: "MI300X", peakFLOPsPerSecond: 1307.4e12, source: "AMD Instinct MI300X datasheet, BF16 dense"),
        // AMD Instinct MI250X datasheet: 383 TFLOPS BF16.
        HardwarePreset(name: "MI250X", peakFLOPsPerSecond: 383e12, source: "AMD Instinct MI250X datasheet, BF16"),
        // Google Cloud TPU documentation, v5e: 197 TFLOPS BF16 per chip.
        HardwarePreset(name: "TPU-v5e", peakFLOPsPerSecond: 197e12, source: "Google Cloud TPU v5e documentation, BF16 per chip"),
        // Google Cloud TPU documentation, v5p: 459 TFLOPS BF16 per chip.
        HardwarePreset(name: "TPU-v5p", peakFLOPsPerSecond: 459e12, source: "Google Cloud TPU v5p documentation, BF16 per chip"),
        // Google Cloud TPU documentation, v4: 275 TFLOPS BF16 per chip.
        HardwarePreset(name: "TPU-v4", peakFLOPsPerSecond: 275e12, source: "Google Cloud TPU v4 documentation, BF16 per chip"),
    ]

    /// The preset called `name`, ignoring case, spaces, dashes and underscores ("tpu v5e",
    /// "TPU_v5e" and "TPU-v5e" are the same).
    public static func named(_ name: String) -> HardwarePreset? {
        let key = canonical(name)
        return all.first { canonical($0.name) == key }
    }

    /// `named`, or an error listing every known name.
    public static func require(_ name: String) throws(WhatIfError) -> HardwarePreset {
        guard let preset = named(name) else {
            throw WhatIfError("unknown hardware \"\(name)\"; known: \(all.map(\.name).joined(separator: ", "))")
        }
        return preset
    }

    private static func canonical(_ s: String) -> String {
        String(s.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" })
    }
}
