/// Combines a learned model's prediction with the rule-based analysis.
///
/// - Phases and events stay rule-based (they are measured, with sub-frame timing); the report
///   states how often the model's most likely phase agrees with them, frame by frame.
/// - Form score and issue probabilities are weighted means of the two sources: with the model's
///   fitted shares (`FusionWeights`, one for the score and one per issue) where the model has
///   them, else by confidence: w_rules = overall rule confidence (0-1), w_model = model confidence
///   × phase agreement (a model that disagrees with the measured phases is trusted less).
/// - Overall confidence: the rules' overall, lowered by up to 15 points when the model's phases
///   disagree with the rules' (agreement below 90%), since then one of them is wrong.
struct ModelFusion {
    let prediction: GaitModelPrediction

    /// Share of frames where the model's most likely phase equals the rule-based phase (frames
    /// the rules leave unlabelled are not counted); `nil` when no frame can be compared.
    func phaseAgreement(with phases: [GaitPhase?]) -> Double? {
        var compared = 0, agreeing = 0
        for (phase, probabilities) in zip(phases, prediction.phaseProbabilities) {
            guard let phase, probabilities.count == GaitPhase.allCases.count,
                  let best = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }) else { continue }
            compared += 1
            if best == phase.classIndex { agreeing += 1 }
        }
        return compared > 0 ? Double(agreeing) / Double(compared) : nil
    }

    /// Applies the model to `report` in place.
    func fuse(into report: inout GaitReport) {
        let agreement = phaseAgreement(with: report.phases.map(\.phase))
        let ruleWeight = (report.confidence?.overall ?? 0) / 100
        let modelWeight = max(0, min(1, prediction.confidence)) * (agreement ?? 0.5)
        let fitted = prediction.fusionWeights
        // `modelShare`: the model's fitted share, if any; else the confidence weights.
        func blend(_ rule: Double?, _ model: Double, modelShare: Double?) -> Double {
            guard let rule else { return model }
            if let modelShare { return modelShare * model + (1 - modelShare) * rule }
            guard ruleWeight + modelWeight > 0 else { return model }
            return (rule * ruleWeight + model * modelWeight) / (ruleWeight + modelWeight)
        }
        if var score = report.score {
            score.value = blend(score.value, prediction.formScore, modelShare: fitted?.formScore)
            report.score = score
        }
        report.issues = report.issues.map { issue in
            guard let modelProbability = prediction.issueProbabilities[issue.kind] else { return issue }
            var fused = GaitIssue(
                kind: issue.kind, probability: blend(issue.probability, modelProbability, modelShare: fitted?.issue(issue.kind)),
                severity: issue.severity,
                evidence: issue.evidence, cue: issue.cue)
            fused.notAssessableReason = issue.notAssessableReason
            return fused
        }
        if var confidence = report.confidence {
            let penalty = agreement.map { max(0, 0.9 - $0) / 0.9 * 15 } ?? 0
            let updated = ConfidenceSummary(
                overall: max(0, confidence.overall - penalty), pose: confidence.pose, events: confidence.events,
                model: 100 * prediction.confidence,
                reasons: confidence.reasons + [agreementReason(agreement)], advice: confidence.advice)
            confidence = updated
            report.confidence = confidence
        }
        report.model = ModelContribution(
            name: prediction.name, formScore: prediction.formScore, issueProbabilities: prediction.issueProbabilities,
            phaseAgreement: agreement,
            fusion: fitted.map(Self.fittedDescription) ?? String(
                format: "events and phases from the rules; score and issue probabilities weighted %.0f%% rules / %.0f%% model",
                100 * ruleWeight / max(ruleWeight + modelWeight, 1e-9), 100 * modelWeight / max(ruleWeight + modelWeight, 1e-9)))
    }

    /// The report's account of fitted shares, e.g. "events and phases from the rules; the model's
    /// share, fitted on 731 calibration recordings: score 70%, overstriding 95%, …".
    static func fittedDescription(_ weights: FusionWeights) -> String {
        "events and phases from the rules; the model's share, fitted on \(weights.recordings) calibration recordings: \(weights.sharesDescription)"
    }

    private func agreementReason(_ agreement: Double?) -> String {
        guard let agreement else { return "Model \(prediction.name): no frame to compare with the measured phases." }
        let base = String(format: "Model %@ (confidence %.0f%%) agrees with the measured phase in %.0f%% of frames",
                          prediction.name, 100 * prediction.confidence, 100 * agreement)
        return agreement < 0.9 ? base + "; the disagreement lowers the overall confidence." : base + "."
    }
}

extension GaitReport {
    /// This report with `prediction` fused in (`ModelFusion`), as `GaitAnalyzer` does with
    /// `AnalysisOptions.model`; for a caller that has both already.
    public func fused(with prediction: GaitModelPrediction) -> GaitReport {
        var report = self
        ModelFusion(prediction: prediction).fuse(into: &report)
        return report
    }
}
