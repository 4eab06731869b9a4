import GaitCore

/// The names annotators use in CVAT and Label Studio for phases, stance sides, the form score and
/// the issues (see `docs/datasets.md`). Matching ignores case, `_`, `-` and spaces, so
/// `mid_stance`, `Mid-Stance` and `midStance` are the same name.
public enum LabelVocabulary {
    /// Attribute / field name of the per-frame phase.
    public static let phaseField = "phase"
    /// Attribute / field name of the per-frame stance side.
    public static let stanceField = "stance"
    /// Attribute / field name of the form score (0-10).
    public static let formScoreField = "form_score"

    /// The exported name of each issue (the `runcoach-labels` key).
    public static func issueField(_ kind: IssueKind) -> String { kind.rawValue }

    /// A phase from its name ("flight" is accepted for swing).
    public static func phase(_ name: String) -> GaitPhase? {
        switch normalized(name) {
        case "contact", "initialcontact", "loading": return .contact
        case "midstance": return .midStance
        case "toeoff", "propulsion": return .toeOff
        case "swing", "flight": return .swing
        default: return nil
        }
    }

    /// A stance side from its name: `left`, `right`, `none` (also `left_stance`, `right foot`...).
    public static func stance(_ name: String) -> StanceSide? {
        switch normalized(name) {
        case "left", "leftstance", "leftfoot", "l": return .left
        case "right", "rightstance", "rightfoot", "r": return .right
        case "none", "flight", "airborne", "": return StanceSide.none
        default: return nil
        }
    }

    /// True for names of the form score field.
    public static func isFormScore(_ name: String) -> Bool {
        ["formscore", "score", "form"].contains(normalized(name))
    }

    /// The issue an attribute / field name stands for.
    public static func issue(_ name: String) -> IssueKind? {
        let key = normalized(name)
        return IssueKind.allCases.first { normalized($0.rawValue) == key }
    }

    /// An issue value: a number, or a checkbox's true/false (1/0). `nil` for an empty value (not
    /// rated) and for text that is neither; the caller checks the [0, 1] range.
    public static func issueValue(_ text: String) -> Double?? {
        switch normalized(text) {
        case "": return .some(nil)
        case "true", "yes", "present": return 1
        case "false", "no", "absent": return 0
        default: return Double(text.trimmingCharacters(in: .whitespaces)).map { .some($0) } ?? nil
        }
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !"_- ".contains($0) })
    }
}
