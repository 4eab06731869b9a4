/// The few ANSI SGR styles the terminal report uses when colour is asked for.
///
/// Hand-written rather than taken from Rainbow: Rainbow decides whether to colour from process-wide
/// mutable state (`Rainbow.enabled`, `Rainbow.outputTarget`), which the report's callers and its
/// parallel tests would have to set and race on; here the choice is an argument.
enum ANSIStyle: String {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"

    /// `text` wrapped in this style's escape codes when `enabled`, unchanged otherwise.
    func apply(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
