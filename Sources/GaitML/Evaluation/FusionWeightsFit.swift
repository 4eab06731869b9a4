import GaitCore

extension FusionWeights {
    /// The model shares tried: 0, 0.05, …, 1.
    static let candidateShares = (0...20).map { Double($0) / 20 }

    /// Fits the model's shares on labelled calibration recordings: each is analysed by the rules
    /// (`GaitAnalyzer`; recordings it refuses are left out, as the analyzer gives no report for
    /// them) and set against the model's prediction for it in `predictions` (`nil`: the model could
    /// not read it, left out too). The score's share minimises the fused score's mean absolute
    /// error; each issue's share maximises F1 of "fused probability ≥ 0.5" (the report's verdict),
    /// ties going to the lower Brier score. An issue the rules cannot assess on a recording takes
    /// the model's probability there, as in `ModelFusion`. `nil` when no recording is analysed;
    /// `progress` sees the count done.
    public static func fit(sequences: [LabelledSequence], predictions: [GaitModelPrediction?],
                           progress: (Int) -> Void = { _ in }) -> FusionWeights? {
        var score: [(truth: Double, model: Double, rules: Double)] = []
        var issues: [[(truth: Bool, model: Double, rules: Double?)]] = Array(repeating: [], count: IssueKind.allCases.count)
        var recordings = 0
        for (index, (sequence, prediction)) in zip(sequences, predictions).enumerated() {
            defer { progress(index + 1) }
            guard let prediction, let rules = try? GaitAnalyzer().analyze(sequence.poses) else { continue }
            recordings += 1
            if let truth = sequence.formScore, let ruleScore = rules.score?.value {
                score.append((truth, prediction.formScore, ruleScore))
            }
            for kind in IssueKind.allCases {
                issues[kind.classIndex].append((sequence.issues[kind.classIndex], prediction.issueProbabilities[kind] ?? 0,
                                                rules.issue(kind)?.probability))
            }
        }
        guard recordings > 0 else { return nil }
        return FusionWeights(formScore: scoreShare(score), issues: issues.map(issueShare), recordings: recordings)
    }

    /// The share minimising the mean absolute error of s · model + (1 − s) · rules (0.5 without data).
    static func scoreShare(_ rows: [(truth: Double, model: Double, rules: Double)]) -> Double {
        guard !rows.isEmpty else { return 0.5 }
        func error(_ share: Double) -> Double {
            rows.reduce(0) { $0 + abs($1.truth - (share * $1.model + (1 - share) * $1.rules)) }
        }
        return candidateShares.min { error($0) < error($1) }!
    }

    /// The share maximising F1 of s · model + (1 − s) · rules ≥ 0.5 (the model alone where the rules
    /// give nothing), ties to the lower Brier score; 0.5 without a positive.
    static func issueShare(_ rows: [(truth: Bool, model: Double, rules: Double?)]) -> Double {
        guard rows.contains(where: \.truth) else { return 0.5 }
        func rating(_ share: Double) -> (f1: Double, brier: Double) {
            let fused = rows.map { row in row.rules.map { share * row.model + (1 - share) * $0 } ?? row.model }
            let squaredErrors = zip(rows, fused).map { row, probability in (row.truth ? 1 - probability : probability) * (row.truth ? 1 - probability : probability) }
            return (BinaryMetrics.f1(truth: rows.map(\.truth), probabilities: fused, threshold: 0.5), squaredErrors.reduce(0, +) / Double(rows.count))
        }
        let rated = candidateShares.map { ($0, rating($0)) }
        return rated.max { a, b in a.1.f1 < b.1.f1 || (a.1.f1 == b.1.f1 && a.1.brier > b.1.brier) }!.0
    }
}
