/// The embedding width Tao et al. assume for a model of N_nv non-vocabulary parameters
/// (arXiv 2407.13623, Appendix A.7.2, Table 5). Their vocabulary laws take the width as given
/// and change N_v = V·d only through V, so a predicted N_v becomes a vocabulary size through
/// this table unless the user names the width.
public enum VocabularyWidth {
    /// (upper bound of N_nv, width), in Table 5's order; beyond 1000B the authors' code uses 24576.
    public static let table: [(upTo: Double, width: Double)] = [
        (50e6, 512), (200e6, 768), (500e6, 1024), (1e9, 1536), (2e9, 2048), (5e9, 3200), (10e9, 4096),
        (20e9, 5120), (50e9, 6048), (100e9, 8192), (200e9, 12288), (500e9, 16384), (1000e9, 20480),
    ]

    public static func width(nonVocabularyParameters n: Double) -> Double {
        table.first { n <= $0.upTo }?.width ?? 24576
    }
}
