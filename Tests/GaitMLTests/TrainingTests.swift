import Foundation
import GaitCore
import GaitSim
import Testing
@testable import GaitML

/// Simulated, labelled runners for pipeline tests (short clips, small model).
enum TestData {
    static func runners(_ count: Int, seconds: Double = 2, seed: UInt64 = 5) throws -> [LabelledSequence] {
        try (0..<count).map { index in
            let (poses, truth) = try RunnerSimulator(parameters: parameters(index, seconds: seconds)).simulate(seed: seed &+ UInt64(index))
            return LabelledSequence(poses: poses, truth: truth, runnerID: "runner-\(index)",
                                    strata: ["pace": index % 4 < 2 ? "easy" : "steady"])
        }
    }

    /// Runner `index`'s parameters: four paces, a short and a long overstride in turn.
    static func parameters(_ index: Int, seconds: Double) -> SimulationParameters {
        var parameters = SimulationParameters()
        parameters.durationSeconds = seconds
        parameters.speedMetersPerSecond = 2.8 + 0.3 * Double(index % 4)
        parameters.overstrideMeters = index % 2 == 0 ? 0.05 : 0.2
        return parameters
    }

    static let tinyModel = GaitNetConfiguration(hiddenSize: 8, layerCount: 1, dropout: 0, headCount: 8)

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "gaitml-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

@Suite("Training pipeline")
struct TrainingTests {
    @Test("Training is deterministic under a seed, and a resumed run equals the uninterrupted one")
    func resumeIsExact() throws {
        let sequences = try TestData.runners(4)
        let training = WindowDataset(Array(sequences.prefix(3)), stride: 15)
        let validation = WindowDataset(Array(sequences.suffix(1)), stride: 30)
        func train(epochs: Int, resume: Bool, folder: String) throws -> GaitNet {
            var options = TrainingOptions()
            options.epochs = epochs
            options.batchSize = 4
            options.checkpointEvery = 1
            var generator = SeededGenerator(seed: 9)
            let model = GaitNet(configuration: TestData.tinyModel, using: &generator)
            try Trainer(model: model, options: options, training: training, validation: validation, outputDirectory: folder).run(resume: resume)
            return model
        }
        let straight = TestData.temporaryDirectory(), interrupted = TestData.temporaryDirectory(), again = TestData.temporaryDirectory()
        let twoEpochs = try train(epochs: 2, resume: false, folder: straight)
        _ = try train(epochs: 1, resume: false, folder: interrupted)
        let resumed = try train(epochs: 2, resume: true, folder: interrupted)
        let repeated = try train(epochs: 2, resume: false, folder: again)
        // Bit-identical: the same arithmetic in the same order (fixed thread splits, per-epoch seeds,
        // float32 weights and Adam moments restored exactly from safetensors).
        #expect(resumed.namedWeights == twoEpochs.namedWeights)
        #expect(repeated.namedWeights == twoEpochs.namedWeights)
        let log = try String(contentsOfFile: interrupted + "/train_log.jsonl", encoding: .utf8)
        #expect(log.split(separator: "\n").count == 2)  // epoch 1 before the interruption, epoch 2 after
        for name in ["best/weights.safetensors", "best/config.json", "epoch-0001/config.json", "epoch-0002/weights.safetensors",
                     "last/optimizer.safetensors", "last/trainer.json", "training.json"] {
            #expect(FileManager.default.fileExists(atPath: interrupted + "/" + name), "\(name) missing")
        }
        let (loaded, config) = try Checkpoint.load(path: straight + "/last")
        #expect(loaded.namedWeights == twoEpochs.namedWeights)
        #expect(config.epoch == 2 && config.normalization == FeatureNormalization())
    }

    @Test("A diverging run stops with a message naming the epoch and batch, and writes no checkpoint of NaN weights")
    func divergenceStopsTraining() throws {
        let sequences = try TestData.runners(4)
        let training = WindowDataset(Array(sequences.prefix(3)), stride: 15)
        let validation = WindowDataset(Array(sequences.suffix(1)), stride: 30)
        // Adam moves every weight by about the learning rate per step: at 1e30 the first update
        // overflows the forward pass, so the next loss computed is not finite.
        func run(batchSize: Int) throws -> (error: GaitMLError?, folder: String) {
            var options = TrainingOptions()
            options.epochs = 2
            options.batchSize = batchSize
            options.learningRate = 1e30
            var generator = SeededGenerator(seed: 3)
            let model = GaitNet(configuration: TestData.tinyModel, using: &generator)
            let folder = TestData.temporaryDirectory()
            do {
                try Trainer(model: model, options: options, training: training, validation: validation, outputDirectory: folder).run()
                return (nil, folder)
            } catch let error as GaitMLError {
                return (error, folder)
            }
        }
        #expect(training.windows.count > 4 && training.windows.count < 64)
        let warmupRate = Double(Float(1e30) / 2)  // epoch 1 of the one-epoch linear warm-up
        // Several batches: the second batch's loss is the first non-finite one.
        let inTraining = try run(batchSize: 4)
        let batches = (training.windows.count + 3) / 4
        #expect(inTraining.error == .trainingDiverged(epoch: 1, batch: 2, batches: batches, learningRate: warmupRate))
        // One batch: its update spoils the weights and the validation pass finds it.
        let inValidation = try run(batchSize: 64)
        #expect(inValidation.error == .trainingDiverged(epoch: 1, batch: nil, batches: 0, learningRate: warmupRate))
        for folder in [inTraining.folder, inValidation.folder] {
            #expect(!FileManager.default.fileExists(atPath: folder + "/best"), "a checkpoint was written in \(folder)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/last"))
        }
        #expect(inTraining.error?.description.contains("training diverged in epoch 1: the loss became NaN or infinite in training batch 2") == true)
    }

    @Test("Each head's loss is logged, and the validation terms add up to the validation loss with GaitLoss's weights")
    func lossTermsAreLogged() throws {
        let sequences = try TestData.runners(4)
        let folder = TestData.temporaryDirectory()
        var options = TrainingOptions()
        options.epochs = 1
        options.batchSize = 4
        var generator = SeededGenerator(seed: 3)
        let model = GaitNet(configuration: TestData.tinyModel, using: &generator)
        try Trainer(model: model, options: options, training: WindowDataset(Array(sequences.prefix(3)), stride: 15),
                    validation: WindowDataset(Array(sequences.suffix(1)), stride: 30), outputDirectory: folder).run()
        let line = try String(contentsOfFile: folder + "/train_log.jsonl", encoding: .utf8).split(separator: "\n")[0]
        let record = try JSONDecoder().decode(EpochRecord.self, from: Data(line.utf8))
        let terms = try #require(record.validationLossTerms)
        let train = try #require(record.trainLossTerms)
        #expect(Set(terms.issues.keys) == Set(IssueKind.allCases) && Set(train.issues.keys) == Set(IssueKind.allCases))
        // Every simulated window has all three flags, so the issue term is the mean of the three.
        let weights = options.loss
        let meanIssue = IssueKind.allCases.reduce(0.0) { $0 + terms.issues[$1]! } / 3
        let recombined = Double(weights.phaseWeight) * terms.phase + Double(weights.scoreWeight) * terms.score
            + Double(weights.issueWeight) * meanIssue + Double(weights.confidenceWeight) * terms.confidence
        // Float32 terms summed per batch in another order: agreement to 1e-5 relative.
        #expect(abs(recombined - record.validationLoss) <= 1e-5 * record.validationLoss, "\(recombined) vs \(record.validationLoss)")
        #expect(terms.phase > 0 && terms.score > 0 && terms.confidence > 0)
        let events = try FileManager.default.contentsOfDirectory(atPath: folder + "/runs")
        let eventBytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/runs/" + events[0]))
        for tag in ["train/loss_phase", "val/loss_score", "val/loss_issue_asymmetry", "val/loss_confidence"] {
            #expect(eventBytes.range(of: Data(tag.utf8)) != nil, "\(tag) not in the event file")
        }
    }

    @Test("TensorBoard reads the event file back with its tags and values (tensorboard Python package)")
    func tensorBoardRoundTrip() throws {
        let folder = TestData.temporaryDirectory()
        let writer = try TensorBoardWriter(directory: folder)
        try writer.add(scalars: [("train/loss", 1.25), ("val/phase_accuracy", 0.5)], step: 1)
        try writer.add(scalars: [("train/loss", 0.75), ("val/phase_accuracy", 0.875)], step: 2)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv-ml/bin/python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "run scripts/setup.sh: it installs tensorboard into .venv-ml")
        let script = """
            import sys
            from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
            a = EventAccumulator(sys.argv[1]); a.Reload()
            for tag in sorted(a.Tags()['scalars']):
                print(tag, ' '.join('%d:%g' % (e.step, e.value) for e in a.Scalars(tag)))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, folder]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Values chosen exactly representable in float32, so the comparison is exact.
        #expect(output == "train/loss 1:1.25 2:0.75\nval/phase_accuracy 1:0.5 2:0.875\n")
    }

    @Test("CRC-32C matches the standard check value; TFRecord masking as specified")
    func crc() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)  // RFC 3720 check value
        let crc = CRC32C.checksum([UInt8]())
        #expect(CRC32C.masked([UInt8]()) == ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
    }

    @Test("Folds never put one runner in two folds and deal each stratum across folds")
    func folds() {
        let groups = (0..<20).flatMap { runner in
            (0..<3).map { _ in (runnerID: "r\(runner)", strata: ["pace": runner < 10 ? "easy" : "fast"]) }
        }
        var generator = SeededGenerator(seed: 4)
        let assignment = Folds.assign(groups, folds: 5, using: &generator)
        #expect(assignment.count == 20)  // one fold per runner, so its 3 sequences share it
        for fold in 0..<5 {
            let members = assignment.filter { $0.value == fold }.map(\.key)
            #expect(members.count == 4)
            #expect(members.filter { Int($0.dropFirst())! < 10 }.count == 2)  // 10 easy runners over 5 folds
        }
    }

    @Test("Features are hip-centred and leg-scaled: moving or zooming the runner in the image changes nothing")
    func normalizationInvariance() throws {
        let sequence = try TestData.runners(1)[0]
        let frames = Array(sequence.poses.frames.prefix(30))
        let normalization = FeatureNormalization()
        let original = normalization.features(of: frames[...], width: 1920, height: 1080)
        // The same runner 1.5× bigger and shifted right and down (stays inside the image).
        let moved = frames.map { frame in
            PoseFrame(time: frame.time, landmarks: frame.landmarks?.map { point in
                point.map { Landmark(x: 0.2 + 1.5 * ($0.x - 0.3), y: 0.1 + 1.5 * ($0.y - 0.2), z: 1.5 * $0.z, visibility: $0.visibility) }
            })
        }
        let transformed = normalization.features(of: moved[...], width: 1920, height: 1080)
        let worst = zip(original, transformed).map { abs($0 - $1) }.max()!
        // Only float rounding differs (features are O(1)); not normalising would differ by O(0.1-1).
        #expect(worst < 1e-4)
        #expect(original.count == 30 * 132)
    }

    @Test("The leg features do not depend on the upper body: lower-body marker data gets the same scale")
    func legsOnlyScale() throws {
        let frames = Array(try TestData.runners(1)[0].poses.frames.prefix(30))
        let legsOnly = frames.map { frame in
            PoseFrame(time: frame.time, landmarks: frame.landmarks.map { points in
                points.enumerated().map { $0.offset < BlazePoseLandmark.leftHip.rawValue ? nil : $0.element }
            })
        }
        let normalization = FeatureNormalization()
        let full = normalization.features(of: frames[...], width: 1920, height: 1080)
        let legs = normalization.features(of: legsOnly[...], width: 1920, height: 1080)
        let legColumns = (BlazePoseLandmark.leftHip.rawValue * 4)..<FeatureNormalization.featureCount
        for row in 0..<30 {
            for column in legColumns { #expect(full[row * 132 + column] == legs[row * 132 + column]) }
        }
        // The hip-to-ankle span of a standing leg is about one leg length: features are O(1).
        let ankleY = full[4 * 132 + BlazePoseLandmark.leftAnkle.rawValue * 4 + 1]
        #expect(ankleY > 0.5 && ankleY < 1.2)
    }

    @Test("Augmentation is reproducible from its seed, keeps the labels and changes the features")
    func augmentation() throws {
        let dataset = WindowDataset(try TestData.runners(1), stride: 30)
        var a = SeededGenerator(seed: 8), b = SeededGenerator(seed: 8), plain = SeededGenerator(seed: 8)
        let first = dataset.batch([0], augmentation: Augmentation(), using: &a)
        let second = dataset.batch([0], augmentation: Augmentation(), using: &b)
        let clean = dataset.batch([0], using: &plain)
        #expect(first.input == second.input)
        #expect(first.input != clean.input)
        // Warped windows (time-stretched and rotated) keep only their phases; unwarped ones keep all.
        var always = Augmentation(), never = Augmentation()
        always.warpProbability = 1
        never.warpProbability = 0
        var d = SeededGenerator(seed: 2), e = SeededGenerator(seed: 2)
        let warped = dataset.batch([0], augmentation: always, using: &d).targets
        let unwarped = dataset.batch([0], augmentation: never, using: &e).targets
        #expect(warped.formScores.allSatisfy(\.isNaN) && warped.issues.allSatisfy(\.isNaN))
        #expect(unwarped.formScores == clean.targets.formScores && unwarped.issues == clean.targets.issues)
        #expect(!clean.targets.formScores[0].isNaN)
        // Mirroring alone keeps every label (phases are side-agnostic).
        var mirrorOnly = Augmentation.none
        mirrorOnly.mirrorProbability = 1
        var c = SeededGenerator(seed: 1)
        #expect(dataset.batch([0], augmentation: mirrorOnly, using: &c).targets.phases == clean.targets.phases)
    }

    @Test("Windows carry the simulator's per-frame phases; every class occurs in a running clip")
    func windowsAndLabels() throws {
        let sequences = try TestData.runners(1, seconds: 3)
        let dataset = WindowDataset(sequences, stride: 10)
        #expect(dataset.windows.count == (Int(3 * 60) + 1 - 30) / 10 + 1)
        var generator = SeededGenerator(seed: 1)
        let (input, targets) = dataset.batch(0..<dataset.windows.count, using: &generator)
        #expect(input.shape == [dataset.windows.count, 30, 132])
        #expect(Set(targets.phases.filter { $0 >= 0 }) == [0, 1, 2, 3])
    }

    @Test("The issue head learns the truth's probabilities; the flags stay the detected issues")
    func issueTargetsAreProbabilities() throws {
        let runners = try TestData.runners(2, seconds: 3)
        for (index, sequence) in runners.enumerated() {
            let truth = try RunnerSimulator(parameters: TestData.parameters(index, seconds: 3)).simulate(seed: 5 &+ UInt64(index)).truth
            let probabilities = IssueKind.allCases.map { truth.issue($0)!.probability }
            #expect(sequence.issueTargets == probabilities)
            #expect(sequence.issues == probabilities.map { $0 >= 0.5 })
            // Every window of the runner carries them, as the loss's targets (float32).
            let dataset = WindowDataset([sequence], stride: 30)
            var generator = SeededGenerator(seed: 1)
            let targets = dataset.batch(0..<dataset.windows.count, using: &generator).targets
            #expect(targets.issues == Array((0..<dataset.windows.count).map { _ in probabilities.map(Float.init) }.joined()))
        }
        // Soft where the rules are unsure: not all targets are a plain 0 or 1.
        #expect(runners.flatMap(\.issueTargets).contains { $0 > 0 && $0 < 1 })
    }

    @Test("Label files carry a simulated runner whole: contacts, issue probabilities and details; probabilities must agree with the flags")
    func labelFileRoundTrip() throws {
        let folder = TestData.temporaryDirectory()
        var sequence = try TestData.runners(1, seconds: 3)[0]
        sequence.details = ["sim.runnerHeightMeters": 1.81, "truth.overstride": 0.12]
        try AtomicFile.write(RuncoachPoseFormat.encode(sequence.poses), to: folder + "/run.json")
        try AtomicFile.write(JSONEncoder().encode(LabelFile(sequence, poses: "run.json")), to: folder + "/run.labels.json")
        let loaded = try #require(try LabelFile.loadDirectory(folder).first)
        // Pose numbers are written in their shortest exact form, so poses compare exactly.
        #expect(loaded.poses == sequence.poses)
        // Every frame the clip's contacts cover keeps its phase. The simulator also labels the frames
        // before the first contact (from one that began before the clip) and after the last one
        // whose toe-off the clip cuts; the exported contacts leave those unlabelled.
        let events = try #require(sequence.events)
        let firstContact = try #require(events.map(\.initialContact).min()), lastToeOff = try #require(events.compactMap(\.toeOff).max())
        let covered = { (t: Double) in t >= firstContact && t <= lastToeOff }
        let frames = sequence.poses.frames.indices
        #expect(frames.filter { covered(sequence.poses.frames[$0].time) }.allSatisfy { loaded.phases[$0] == sequence.phases[$0] })
        #expect(frames.filter { loaded.phases[$0] != sequence.phases[$0] }.allSatisfy { loaded.phases[$0] == nil })
        #expect(frames.filter { loaded.phases[$0] == nil }.count < sequence.poses.frames.count / 4)  // the ends: about a step each
        #expect(loaded.events?.map(\.initialContact) == sequence.events?.map(\.initialContact))
        #expect(loaded.issues == sequence.issues && loaded.issueTargets == sequence.issueTargets && loaded.details == sequence.details)
        #expect(loaded.runnerID == sequence.runnerID && loaded.formScore == sequence.formScore)
        let label = """
            {"format": "runcoach-labels", "version": 1, "poses": "run.json", "runner": "A",
             "issues": {"overstriding": true}, "issueProbabilities": {"overstriding": 0.3}}
            """
        try AtomicFile.write(label, to: folder + "/run.labels.json")
        #expect(throws: GaitMLError.unusableData("\(folder)/run.labels.json: issueProbabilities.overstriding 0.3 disagrees with issues.overstriding true (0.5 or more means flagged)")) {
            try LabelFile.loadDirectory(folder)
        }
    }

    @Test("Label files: events become phases; bad files get a message naming the problem")
    func labelFiles() throws {
        let folder = TestData.temporaryDirectory()
        let sequence = try TestData.runners(1)[0]
        try AtomicFile.write(RuncoachPoseFormat.encode(sequence.poses), to: folder + "/run.json")
        let label = """
            {"format": "runcoach-labels", "version": 1, "poses": "run.json", "runner": "A",
             "events": [{"side": "left", "initialContact": 0.5, "toeOff": 0.74}, {"side": "right", "initialContact": 0.86, "toeOff": 1.1}],
             "formScore": 7.5, "issues": {"overstriding": true}}
            """
        try AtomicFile.write(label, to: folder + "/run.labels.json")
        let loaded = try LabelFile.loadDirectory(folder)
        #expect(loaded.count == 1 && loaded[0].runnerID == "A" && loaded[0].issues == [true, false, false])
        let times = loaded[0].poses.frames.map(\.time)
        let phaseAt = { (t: Double) in loaded[0].phases[times.firstIndex { $0 >= t }!] }
        #expect(phaseAt(0.52) == .contact && phaseAt(0.62) == .midStance && phaseAt(0.70) == .toeOff && phaseAt(0.80) == .swing)
        #expect(phaseAt(0.2) == nil)  // before the first contact: unknown
        try AtomicFile.write(label.replacingOccurrences(of: "overstriding", with: "slouching"), to: folder + "/run.labels.json")
        #expect(throws: GaitMLError.unusableData("\(folder)/run.labels.json: unknown issue slouching; known: overstriding, verticalBounce, asymmetry")) {
            try LabelFile.loadDirectory(folder)
        }
    }
}
