/// Turns a `DecodingError` into "missing key at videos[2].runner"-style text.
enum JSONProblem {
    static func describe(_ error: DecodingError) -> String {
        let path: [CodingKey], detail: String
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            (path, detail) = (context.codingPath, "wrong type of value")
        case .keyNotFound(let key, let context):
            (path, detail) = (context.codingPath + [key], "missing key")
        case .dataCorrupted(let context):
            (path, detail) = (context.codingPath, context.codingPath.isEmpty ? "not valid JSON" : "invalid value (\(context.debugDescription))")
        @unknown default:
            return "unreadable"
        }
        let keyPath = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keyPath.isEmpty ? detail : "\(detail) at \(keyPath.drop { $0 == "." })"
    }
}
