#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tokens per character of a BPE tokenizer with vocabulary size V (Tao et al. 2024,
/// arXiv 2407.13623, §2.2, Eq. 3), fitted to 25 tokenizers of 1K–1024K trained on
/// SlimPajama:
///
///     f(V) = a·ln²V + b·ln V + c,   a = 0.00639222, b = −0.15811069, c = 1.20470122
///
/// The paper prints the rounded a = 0.0064, b = −0.1581, c = 1.2047; the unrounded values
/// and the cap of V at 200K are the authors' released code's. D = H·f(V) for H characters.
public enum TokenizerCompression {
    public static let a = 0.00639222
    public static let b = -0.15811069
    public static let c = 1.20470122
    /// The quadratic in ln V turns upward past its vertex; the authors hold f flat beyond this.
    public static let vocabularyCap = 200_000.0

    public static func tokensPerCharacter(vocabularySize v: Double) -> Double {
        let l = log(min(v, vocabularyCap))
        return a * l * l + b * l + c
    }

    /// d f / d V, zero past the cap.
    public static func derivative(vocabularySize v: Double) -> Double {
        guard v < vocabularyCap else { return 0 }
        return (2 * a * log(v) + b) / v
    }
}
