/// Numbers as every output writes them: integers without a fraction, others in Swift's shortest
/// round-trip form; never NaN or infinity (written as null).
public enum NumberFormatting {
    public static func text(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        // `description` is what interpolation writes, without the interpolation's own buffer.
        return value.description
    }
}
