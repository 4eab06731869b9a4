import Foundation
import Testing
import GaitCore
import GaitSim

/// A model that predicts what the simulator's truth says (or its opposite), to check how the
/// analyzer weighs a model against its own measurements.
struct TruthEchoModel: GaitModel {
    let truth: GaitReport
    let confidence: Double
    let invertPhases: Bool
    var fusionWeights: FusionWeights? = nil

    func predict(_ sequence: PoseSequence) throws -> GaitModelPrediction {
        let probabilities = truth.phases.map { frame -> [Double] in
            var row = [Double](repeating: 0, count: 4)
            let index = frame.phase?.classIndex ?? 3
            row[invertPhases ? (index + 2) % 4 : index] = 1
            return row
        }
        return GaitModelPrediction(
            name: "echo", phaseProbabilities: probabilities, formScore: 2,
            issueProbabilities: [.overstriding: 1, .verticalBounce: 0, .asymmetry: 0], confidence: confidence,
            fusionWeights: fusionWeights)
    }
}

@Suite("Model fusion")
struct ModelFusionTests {
    @Test("an agreeing model pulls score and issues toward it; a disagreeing one lowers confidence")
    func fusion() throws {
        let (poses, truth) = try RunnerSimulator(parameters: SimulationParameters()).simulate(seed: 1)
        let rulesOnly = try GaitAnalyzer().analyze(poses)
        let agreeing = try GaitAnalyzer(options: AnalysisOptions(model: TruthEchoModel(truth: truth, confidence: 1, invertPhases: false))).analyze(poses)
        let disagreeing = try GaitAnalyzer(options: AnalysisOptions(model: TruthEchoModel(truth: truth, confidence: 1, invertPhases: true))).analyze(poses)

        let agreement = try #require(agreeing.model?.phaseAgreement)
        // The rules match the truth's phases in ~98% of frames (docs/analysis.md), so an echo of
        // the truth agrees with them in at least 95%.
        #expect(agreement >= 0.95)
        let rulesScore = try #require(rulesOnly.score?.value), fusedScore = try #require(agreeing.score?.value)
        // Weighted mean of the rules' score and the model's 2.0: strictly between them.
        #expect(fusedScore < rulesScore && fusedScore > 2)
        #expect((agreeing.issue(.overstriding)?.probability ?? 0) > (rulesOnly.issue(.overstriding)?.probability ?? 1))
        #expect(agreeing.confidence?.model == 100)
        // Inverted phases agree almost nowhere: up to 15 points off the overall confidence.
        #expect(try #require(disagreeing.model?.phaseAgreement) < 0.1)
        let drop = try #require(rulesOnly.confidence?.overall) - (try #require(disagreeing.confidence?.overall))
        #expect(drop > 12 && drop <= 15)
        // Events and phases stay the measured ones.
        #expect(agreeing.events == rulesOnly.events && agreeing.phases == rulesOnly.phases)
    }

    @Test("fitted shares replace the confidence weights: fused = share × model + (1 − share) × rules, and the report says so")
    func fittedShares() throws {
        let (poses, truth) = try RunnerSimulator(parameters: SimulationParameters()).simulate(seed: 1)
        let rulesOnly = try GaitAnalyzer().analyze(poses)
        let weights = FusionWeights(formScore: 0.25, issues: [0.9, 0, 1], recordings: 731)
        let model = TruthEchoModel(truth: truth, confidence: 0.2, invertPhases: true, fusionWeights: weights)
        let fused = try GaitAnalyzer(options: AnalysisOptions(model: model)).analyze(poses)
        // The shares hold whatever the confidences (0.2, and phases that disagree everywhere).
        let rulesScore = try #require(rulesOnly.score?.value)
        #expect(abs(try #require(fused.score?.value) - (0.25 * 2 + 0.75 * rulesScore)) < 1e-12)
        let rulesOverstriding = try #require(rulesOnly.issue(.overstriding)?.probability)
        #expect(abs(try #require(fused.issue(.overstriding)?.probability) - (0.9 + 0.1 * rulesOverstriding)) < 1e-12)
        #expect(fused.issue(.verticalBounce)?.probability == rulesOnly.issue(.verticalBounce)?.probability)
        #expect(fused.issue(.asymmetry)?.probability == 0)
        #expect(fused.model?.fusion == "events and phases from the rules; the model's share, fitted on 731 calibration recordings: "
            + "score 25%, overstriding 90%, verticalBounce 0%, asymmetry 100%")
    }
}
