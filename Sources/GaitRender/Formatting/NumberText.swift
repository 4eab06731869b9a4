import Foundation

/// Fixed-point number text for reports: `decimals` digits after the point, no "-0".
enum NumberText {
    /// `value` rounded to `decimals` digits, e.g. `fixed(0.2456, 2)` → "0.25"; "—" when not finite.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        let text = String(format: "%.\(decimals)f", value)
        // A value that rounds to zero prints without a sign.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// A share 0-1 as a whole percentage, e.g. 0.934 → "93%".
    static func percent(fromShare share: Double) -> String {
        fixed(share * 100, 0) + "%"
    }
}
