import Foundation
import GaitCore
import GaitML
import Testing

/// `runcoach train`, `evaluate` and `analyze --model` as a user runs them (a small model, few
/// simulated runners, so it finishes in seconds).
@Suite("runcoach train / evaluate")
struct TrainCommandTests {
    @Test("train writes checkpoints and logs, evaluate reports on held-out runners, analyze uses the model")
    func trainEvaluateAnalyze() throws {
        let folder = try CLI.temporaryFolder()
        let train = try CLI.runcoach(["train", "--synthetic", "6", "--synthetic-seconds", "2", "--epochs", "2", "--hidden", "8",
                                      "--layers", "1", "--folds", "3", "--out", folder + "/run"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains("epoch 1/2") && train.stderr.contains("epoch 2/2"))  // a progress line per epoch
        #expect(train.stdout.contains("phase accuracy"))
        for file in ["best/weights.safetensors", "best/config.json", "last/trainer.json", "train_log.jsonl",
                     "validation/evaluation.json", "validation/reliability_phase.svg"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/run/" + file), "\(file) missing")
        }
        let evaluate = try CLI.runcoach(["evaluate", "--model", folder + "/run/best", "--synthetic", "2", "--synthetic-seconds", "2",
                                         "--data-seed", "99", "--out", folder + "/eval"])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("form score MAE"))
        #expect(evaluate.stdout.contains("whole recordings (2)"))  // the analyzer's way: overlapping windows per recording
        #expect(evaluate.stdout.contains("issues, rules + model:"))  // the model next to the rules and the fused analysis
        let page = try String(contentsOfFile: folder + "/eval/evaluation.html", encoding: .utf8)
        // Tables, the 3 issues' scatter plots and the 4 reliability diagrams.
        #expect(page.contains("confusion matrix") && page.components(separatedBy: "<svg").count - 1 == 7)
        #expect(page.contains("<caption>The same, on the recordings whose label is clear of its rule's threshold (target outside 0.4-0.6)"))
        let rows = try String(contentsOfFile: folder + "/eval/recordings.csv", encoding: .utf8).split(separator: "\n")
        // A header and one row per runner, with the simulated runner's truth and parameters.
        #expect(rows.count == 3 && rows[0].hasPrefix("runner,") && rows[0].contains(",asymmetry_probability,"))
        #expect(rows[0].contains(",sim.runnerHeightMeters,") && rows[0].contains(",truth.shankAngleAtContact,"))
        // The same runners with their toes bending: each foot's drawn share in the CSV, the rest as drawn before.
        let flexed = try CLI.runcoach(["evaluate", "--model", folder + "/run/best", "--synthetic", "2", "--synthetic-seconds", "2",
                                       "--data-seed", "99", "--synthetic-toe-flex", "--out", folder + "/eval-toes"])
        #expect(flexed.status == 0, "\(flexed.stderr)")
        let flexedRows = try String(contentsOfFile: folder + "/eval-toes/recordings.csv", encoding: .utf8).split(separator: "\n")
        func column(_ name: String, _ table: [Substring]) throws -> [String] {
            let index = try #require(table[0].split(separator: ",", omittingEmptySubsequences: false).firstIndex(of: Substring(name)), "\(name)")
            return table.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[index]) }
        }
        // The foot's drawn path and landmarks too, within their training ranges (SyntheticRunners).
        #expect(try column("sim.swingApproach", rows).allSatisfy { (0...1).contains(Double($0) ?? -1) })
        #expect(try column("sim.footIndexSetbackMeters", rows).allSatisfy { (0...0.06).contains(Double($0) ?? -1) })
        #expect(try column("sim.touchdownSpeedMetersPerSecond", rows).allSatisfy { (0.2...1.4).contains(Double($0) ?? -1) })
        #expect(try column("initial_contact_bias_ms", rows).allSatisfy { $0.isEmpty || Double($0) != nil })
        #expect(try column("sim.runnerHeightMeters", flexedRows) == column("sim.runnerHeightMeters", rows))
        let shares = try column("sim.leftToeFlex", flexedRows) + column("sim.rightToeFlex", flexedRows)
        #expect(Set(shares).count == 4 && shares.allSatisfy { (0...1).contains(Double($0) ?? -1) }, "\(shares)")
        #expect(try column("sim.leftToeFlex", rows) == ["0", "0"])  // rigid soles without the flag
        // The same runners with the pelvis bottoming out off mid-stance: each foot's drawn shift in the CSV.
        let shifted = try CLI.runcoach(["evaluate", "--model", folder + "/run/best", "--synthetic", "2", "--synthetic-seconds", "2",
                                        "--data-seed", "99", "--synthetic-pelvis-timing", "--out", folder + "/eval-pelvis"])
        #expect(shifted.status == 0, "\(shifted.stderr)")
        let shiftedRows = try String(contentsOfFile: folder + "/eval-pelvis/recordings.csv", encoding: .utf8).split(separator: "\n")
        #expect(try column("sim.runnerHeightMeters", shiftedRows) == column("sim.runnerHeightMeters", rows))
        let shifts = try column("sim.leftPelvisLowShift", shiftedRows) + column("sim.rightPelvisLowShift", shiftedRows)
        #expect(Set(shifts).count == 4 && shifts.allSatisfy { (-0.12...0.06).contains(Double($0) ?? -1) }, "\(shifts)")
        #expect(try column("sim.leftPelvisLowShift", rows) == ["0", "0"])
        // The same runners filmed with exact landmarks: no pixel noise, occlusion or dropped frames, the truth as drawn.
        let exact = try CLI.runcoach(["evaluate", "--model", folder + "/run/best", "--synthetic", "2", "--synthetic-seconds", "2",
                                      "--data-seed", "99", "--synthetic-exact-landmarks", "--out", folder + "/eval-exact"])
        #expect(exact.status == 0, "\(exact.stderr)")
        let exactRows = try String(contentsOfFile: folder + "/eval-exact/recordings.csv", encoding: .utf8).split(separator: "\n")
        #expect(try column("truth.overstride", exactRows) == column("truth.overstride", rows))
        for degradation in ["sim.landmarkNoisePixels", "sim.farLegOcclusion", "sim.droppedFrameFraction"] {
            #expect(try column(degradation, exactRows) == ["0", "0"], "\(degradation)")
            #expect(try column(degradation, rows).allSatisfy { $0 != "0" }, "\(degradation) is drawn without the flag")
        }
        // The error analysis reads it: with 2 runners it counts the flags and declines the rest.
        let analysis = try CLI.python("scripts/analysis/issue_errors.py", [folder + "/eval/recordings.csv"])
        #expect(analysis.status == 0, "\(analysis.stderr)")
        #expect(analysis.stdout.contains("overstriding: F1") && analysis.stdout.contains("target 0.9-1.0:"), "\(analysis.stdout)")
        #expect(page.contains("Contacts timed by the model's phases"))  // the simulator's contacts against the model's phase changes
        let config = try String(contentsOfFile: folder + "/run/best/config.json", encoding: .utf8)
        #expect(config.contains("issueThresholds") && config.contains("phaseTemperature"))  // calibrated on the validation runners
        // Recalibrated on other runners into a new folder: the trained checkpoint stays as it was.
        let calibrate = try CLI.runcoach(["calibrate", "--model", folder + "/run/best", "--synthetic", "4", "--synthetic-seconds", "2",
                                          "--data-seed", "77", "--out", folder + "/recalibrated"])
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        #expect(calibrate.stdout.contains("phase temperature") && calibrate.stdout.contains("overstriding threshold"), "\(calibrate.stdout)")
        // Four runners cannot hold 20 with any issue: each issue's fit is called untrustworthy.
        for kind in IssueKind.allCases {
            #expect(calibrate.stderr.contains("calibration recordings have \(kind.rawValue): its threshold and fusion share are fitted on too few to trust"),
                    "\(calibrate.stderr)")
        }
        // The model's shares in the analyzer's fusion, fitted on the recordings the rules accept.
        #expect(calibrate.stdout.contains("model's share in the fusion with the rules ("), "\(calibrate.stdout)")
        #expect(try String(contentsOfFile: folder + "/run/best/config.json", encoding: .utf8) == config)
        let recalibrated = try String(contentsOfFile: folder + "/recalibrated/config.json", encoding: .utf8)
        #expect(recalibrated.contains("issueThresholds") && recalibrated.contains("fusionWeights") && FileManager.default.fileExists(atPath: folder + "/recalibrated/weights.safetensors"))
        // The force-plate trial as labelled data: 4,417 frames at 150 fps, phases from the treadmill's contacts.
        let fukuchi = try CLI.runcoach(["evaluate", "--model", folder + "/run/best", "--fukuchi", CLI.sharedData("fukuchi2017"),
                                        "--out", folder + "/fukuchi"])
        #expect(fukuchi.status == 0, "\(fukuchi.stderr)")
        #expect(fukuchi.stdout.contains("whole recordings (1): phase accuracy"), "\(fukuchi.stdout)")
        #expect(fukuchi.stdout.contains("contacts timed by the model's phases (bias, RMS, found): left IC"), "\(fukuchi.stdout)")
        // The trial converted, then read without its foot landmarks (scripts/analysis/landmark_ablation.py).
        let converted = try CLI.runcoach(["convert", "fukuchi", "--dir", CLI.sharedData("fukuchi2017"), "--subject", "RBDS001",
                                          "--trial", "runT25", "--out", folder + "/trial.json", "--truth", folder + "/truth.json"])
        #expect(converted.status == 0, "\(converted.stderr)")
        let ablation = try CLI.python("scripts/analysis/landmark_ablation.py", [folder + "/trial.json", folder + "/truth.json", folder + "/ablation"])
        #expect(ablation.status == 0 && ablation.stdout.contains("landmarks [29, 30, 31, 32] removed"), "\(ablation.stderr)")
        let footless = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/ablation/no-heel-foot-index/trial.json")))
        let landmarks = try #require(((footless as? [String: Any])?["frames"] as? [[String: Any]])?[100]["landmarks"] as? [Any])
        #expect(landmarks.count == 33 && (29...32).allSatisfy { landmarks[$0] is NSNull } && !(landmarks[28] is NSNull))
        let withoutFeet = try CLI.runcoach(["evaluate", "--model", folder + "/run/best", "--data", folder + "/ablation/no-heel-foot-index",
                                            "--out", folder + "/ablation-eval"])
        #expect(withoutFeet.status == 0 && withoutFeet.stdout.contains("whole recordings (1): phase accuracy"), "\(withoutFeet.stderr)")
        let simulated = try CLI.runcoach(["simulate", "--out", folder + "/run.json", "--duration", "4", "--seed", "5"])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let analyze = try CLI.runcoach(["analyze", folder + "/run.json", "--model", folder + "/run/best"])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        #expect(analyze.stdout.contains("Neural model") && analyze.stdout.contains("GaitNet ("))  // the fusion section names the model
    }

    @Test("train --start-from begins with the checkpoint's weights and size")
    func startFrom() throws {
        let folder = try CLI.temporaryFolder()
        let first = try CLI.runcoach(["train", "--synthetic", "4", "--synthetic-seconds", "2", "--epochs", "1", "--hidden", "8",
                                      "--layers", "1", "--folds", "2", "--out", folder + "/first"])
        #expect(first.status == 0, "\(first.stderr)")
        // A learning rate of 1e-12 leaves the weights where they start; --hidden 16 must give way
        // to the checkpoint's 8, and --seed 2 would draw other random weights.
        let tuned = try CLI.runcoach(["train", "--start-from", folder + "/first/best", "--synthetic", "4", "--synthetic-seconds", "2",
                                      "--data-seed", "5", "--epochs", "1", "--hidden", "16", "--lr", "1e-12", "--seed", "2",
                                      "--folds", "2", "--out", folder + "/tuned"])
        #expect(tuned.status == 0, "\(tuned.stderr)")
        let (start, _) = try Checkpoint.load(path: folder + "/first/best")
        let (end, config) = try Checkpoint.load(path: folder + "/tuned/best")
        #expect(config.model.hiddenSize == 8 && config.model.layerCount == 1)
        let startWeights = start.namedWeights, endWeights = end.namedWeights
        #expect(startWeights.keys.sorted() == endWeights.keys.sorted())
        let largestChange = startWeights.map { name, tensor in
            zip(tensor.scalars, endWeights[name]!.scalars).map { abs($0 - $1) }.max() ?? 0
        }.max() ?? .infinity
        #expect(largestChange < 1e-6, "weights moved by \(largestChange)")
        let both = try CLI.runcoach(["train", "--start-from", folder + "/first/best", "--resume", "--synthetic", "4", "--out", folder + "/x"])
        #expect(both.status == 2 && both.stderr.contains("give one"), "\(both.stderr)")
    }

    @Test("average writes the mean of two stages' weights, calibrated; refuses one checkpoint and mismatched ones")
    func average() throws {
        let folder = try CLI.temporaryFolder()
        let first = try CLI.runcoach(["train", "--synthetic", "4", "--synthetic-seconds", "2", "--epochs", "1", "--hidden", "8",
                                      "--layers", "1", "--folds", "2", "--out", folder + "/first"])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.runcoach(["train", "--start-from", folder + "/first/best", "--synthetic", "4", "--synthetic-seconds", "2",
                                       "--data-seed", "5", "--epochs", "1", "--lr", "1e-2", "--folds", "2", "--out", folder + "/second"])
        #expect(second.status == 0, "\(second.stderr)")
        let averaged = try CLI.runcoach(["average", folder + "/first/best", folder + "/second/best", "--synthetic", "4",
                                         "--synthetic-seconds", "2", "--data-seed", "77", "--out", folder + "/mean"])
        #expect(averaged.status == 0, "\(averaged.stderr)")
        #expect(averaged.stdout.contains("overstriding threshold"), "\(averaged.stdout)")
        let (a, _) = try Checkpoint.load(path: folder + "/first/best")
        let (b, _) = try Checkpoint.load(path: folder + "/second/best")
        let (mean, config) = try Checkpoint.load(path: folder + "/mean")
        let (wa, wb, wm) = (a.namedWeights, b.namedWeights, mean.namedWeights)
        // Each weight is (a + b) / 2 rounded once to float32: within one float32 rounding (6e-8
        // relative) of the exact mean. The two stages differ by far more (lr 1e-2 for a whole epoch).
        var worst = 0.0
        for (name, tensor) in wm {
            for (index, value) in tensor.scalars.enumerated() {
                let exact = (Double(wa[name]!.scalars[index]) + Double(wb[name]!.scalars[index])) / 2
                worst = max(worst, abs(Double(value) - exact) / max(abs(exact), 1e-3))
            }
        }
        #expect(worst < 1e-6, "mean off by \(worst) relative")
        let spread = wa.map { name, tensor -> Float in zip(tensor.scalars, wb[name]!.scalars).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
        #expect(spread > 1e-3, "the two stages should differ (\(spread))")
        #expect(config.issueThresholds?.count == 3 && config.notes.hasPrefix("average of "))  // calibrated on the runners given
        #expect(config.averagedFrom == [folder + "/first/best", folder + "/second/best"])
        // The analyzer's model line says it is an average, not the members' epoch count.
        _ = try CLI.runcoach(["simulate", "--out", folder + "/run.json", "--duration", "6", "--seed", "3"])
        let analyze = try CLI.runcoach(["analyze", folder + "/run.json", "--model", folder + "/mean", "--json", folder + "/report.json", "--quiet"])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        let report = try String(contentsOfFile: folder + "/report.json", encoding: .utf8)
        #expect(report.contains("GaitNet (average of 2 checkpoints, "), "\(report.prefix(300))")
        let one = try CLI.runcoach(["average", folder + "/first/best", "--synthetic", "4", "--out", folder + "/x"])
        #expect(one.status == 2 && one.stderr.contains("at least two checkpoints"), "\(one.stderr)")
        // Another size, trained on runners whose feet differ and land at their own angles, with
        // the issue term weighted 2 (the flags' path end to end).
        let other = try CLI.runcoach(["train", "--synthetic", "4", "--synthetic-seconds", "2", "--synthetic-feet-differ",
                                      "--synthetic-strike-angles", "--synthetic-toe-flex", "--issue-weight", "2", "--epochs", "1",
                                      "--hidden", "16", "--layers", "1", "--folds", "2", "--out", folder + "/other"])
        #expect(other.status == 0, "\(other.stderr)")
        let options = try JSONDecoder().decode(TrainingOptions.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/other/training.json")))
        #expect(options.loss.issueWeight == 2 && options.loss.phaseWeight == 1)
        let mismatch = try CLI.runcoach(["average", folder + "/first/best", folder + "/other/best", "--synthetic", "4", "--out", folder + "/y"])
        #expect(mismatch.status == 1 && mismatch.stderr.contains("differs from"), "\(mismatch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/y"))
    }

    @Test("bad command lines and missing data: a message and the documented exit code",
          arguments: [
            (["train", "--out", "x"], Int32(2), "give exactly one of --data DIR, --synthetic N or --fukuchi DIR"),
            (["train", "--synthetic", "4", "--data", "d", "--out", "x"], 2, "give exactly one of --data DIR, --synthetic N or --fukuchi DIR"),
            (["train", "--data", "/nonexistent/folder", "--out", "x"], 1, "/nonexistent/folder: no such folder"),
            (["train", "--data", "d", "--synthetic-feet-differ", "--out", "x"], 2, "--synthetic-feet-differ applies to --synthetic N runners only"),
            (["calibrate", "--model", "m", "--data", "d", "--synthetic-toe-flex"], 2, "--synthetic-toe-flex applies to --synthetic N runners only"),
            (["evaluate", "--model", "m", "--data", "d", "--synthetic-pelvis-timing"], 2, "--synthetic-pelvis-timing applies to --synthetic N runners only"),
            (["train", "--data", "d", "--synthetic-exact-landmarks"], 2, "--synthetic-exact-landmarks applies to --synthetic N runners only"),
            (["train", "--synthetic", "4", "--issue-weight=-1", "--out", "x"], 2, "--issue-weight must be a number ≥ 0"),
            (["evaluate", "--model", "m", "--fukuchi", "f", "--synthetic-strike-angles"], 2, "--synthetic-strike-angles applies to --synthetic N runners only"),
            (["evaluate", "--model", "/nonexistent/ckpt", "--synthetic", "2"], 2, "/nonexistent/ckpt/config.json: cannot read the file"),
            (["calibrate", "--model", "/nonexistent/ckpt", "--synthetic", "2"], 2, "/nonexistent/ckpt/config.json: cannot read the file"),
          ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let run = try CLI.runcoach(arguments)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        // A wrong checkpoint is reported before any runner is simulated.
        #expect(!run.stderr.contains("simulated"), "\(run.stderr)")
    }
}
