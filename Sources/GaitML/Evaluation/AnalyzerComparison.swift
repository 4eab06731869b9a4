import GaitCore

/// The model next to what a user of `runcoach analyze` gets: the rule-based analysis alone and the
/// analysis with the model fused in (`GaitAnalyzer` with `AnalysisOptions.model`), rated on the
/// same recordings and labels as `RecordingEvaluation`.
///
/// It answers whether the model adds to the rules. Each source is rated on the recordings the
/// analyzer accepts (it refuses clips it cannot analyse, which the model may still read). Phase
/// accuracy counts the frames with the runner in view that both the label and the rules' phases
/// cover; issues are rated at
/// probability 0.5 (the report's own verdict; the model's after its fitted operating point), with
/// an issue the rules cannot assess counted as not detected (its probability is 0).
public struct AnalyzerComparison: Codable, Sendable {
    /// Recordings the analyzer rated; the rest it refused (e.g. too short, no contacts).
    public var analysed: Int
    public var refused: Int
    /// Per-frame phases of the model and of the rules on the same frames (the fused report keeps
    /// the rules' phases: `ModelFusion`).
    public var modelPhases: ClassificationMetrics
    public var rulePhases: ClassificationMetrics
    /// Form score per recording (recordings with a label and a rule-based score).
    public var modelScore: RegressionMetrics
    public var ruleScore: RegressionMetrics
    public var fusedScore: RegressionMetrics
    /// Issues per recording, keyed by issue.
    public var modelIssues: [String: BinaryMetrics]
    public var ruleIssues: [String: BinaryMetrics]
    public var fusedIssues: [String: BinaryMetrics]

    /// Collects the analyzer's reports recording by recording; `RecordingEvaluation` feeds it the
    /// model prediction it has already made, so the model runs once per recording.
    struct Accumulator {
        var analysed = 0, refused = 0
        var phaseTruth: [Int] = [], modelPhases: [Int] = [], rulePhases: [Int] = []
        var score: (truth: [Double], model: [Double], rules: [Double], fused: [Double]) = ([], [], [], [])
        var issueTruth: [IssueKind: [Bool]] = [:]
        var modelIssues: [IssueKind: [Double]] = [:], ruleIssues: [IssueKind: [Double]] = [:], fusedIssues: [IssueKind: [Double]] = [:]

        mutating func add(_ sequence: LabelledSequence, prediction: GaitModelPrediction) {
            guard let rules = try? GaitAnalyzer().analyze(sequence.poses) else {
                refused += 1
                return
            }
            let fused = rules.fused(with: prediction)
            analysed += 1
            for (pose, (label, (frame, probabilities))) in zip(sequence.poses.frames, zip(sequence.phases, zip(rules.phases, prediction.phaseProbabilities))) {
                guard let label, let phase = frame.phase, pose.landmarks != nil else { continue }
                phaseTruth.append(label.classIndex)
                modelPhases.append(probabilities.indices.max { probabilities[$0] < probabilities[$1] }!)
                rulePhases.append(phase.classIndex)
            }
            if let truth = sequence.formScore, let ruleScore = rules.score?.value, let fusedScore = fused.score?.value {
                score.truth.append(truth)
                score.model.append(prediction.formScore)
                score.rules.append(ruleScore)
                score.fused.append(fusedScore)
            }
            for kind in IssueKind.allCases {
                issueTruth[kind, default: []].append(sequence.issues[kind.classIndex])
                modelIssues[kind, default: []].append(prediction.issueProbabilities[kind] ?? 0)
                ruleIssues[kind, default: []].append(rules.issue(kind)?.probability ?? 0)
                fusedIssues[kind, default: []].append(fused.issue(kind)?.probability ?? 0)
            }
        }

        var result: AnalyzerComparison {
            func metrics(_ probabilities: [IssueKind: [Double]]) -> [String: BinaryMetrics] {
                Dictionary(uniqueKeysWithValues: IssueKind.allCases.map { kind in
                    (kind.rawValue, BinaryMetrics(truth: issueTruth[kind] ?? [], probabilities: probabilities[kind] ?? [], intervals: true))
                })
            }
            let classNames = GaitPhase.allCases.map(\.rawValue)
            return AnalyzerComparison(
                analysed: analysed, refused: refused,
                modelPhases: ClassificationMetrics(truth: phaseTruth, predicted: modelPhases, classNames: classNames),
                rulePhases: ClassificationMetrics(truth: phaseTruth, predicted: rulePhases, classNames: classNames),
                modelScore: RegressionMetrics(truth: score.truth, predicted: score.model),
                ruleScore: RegressionMetrics(truth: score.truth, predicted: score.rules),
                fusedScore: RegressionMetrics(truth: score.truth, predicted: score.fused),
                modelIssues: metrics(modelIssues), ruleIssues: metrics(ruleIssues), fusedIssues: metrics(fusedIssues))
        }
    }

    /// A few lines for a terminal.
    public var summary: String {
        var lines = [String(format: "the analyzer's recordings (%d analysed, %d refused): phase accuracy model %.2f%%, rules %.2f%%",
                            analysed, refused, 100 * modelPhases.accuracy, 100 * rulePhases.accuracy)]
        if ruleScore.count > 0 {
            lines.append(String(format: "  form score MAE: model %.3f, rules %.3f, rules + model %.3f", modelScore.meanAbsoluteError,
                                ruleScore.meanAbsoluteError, fusedScore.meanAbsoluteError))
        }
        lines.append("  issues, model: " + BinaryMetrics.summary(byIssue: modelIssues))
        lines.append("  issues, rules: " + BinaryMetrics.summary(byIssue: ruleIssues))
        lines.append("  issues, rules + model: " + BinaryMetrics.summary(byIssue: fusedIssues))
        return lines.joined(separator: "\n")
    }
}
