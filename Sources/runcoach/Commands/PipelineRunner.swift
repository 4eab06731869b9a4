import AsyncHTTPClient
import Foundation
import GaitCore
import GaitData
import GaitML
import GaitONNX
import GaitVideo

/// Runs the pipeline's stages in order, skipping those whose inputs did not change, and prints a
/// summary of what ran and where the outputs are.
final class PipelineRunner {
    enum Status: String {
        case ran, skipped = "up to date", notConfigured = "not configured", unavailable = "not available", failed
    }

    struct StageResult {
        var name: String
        var status: Status
        var seconds: Double
        var detail: String
    }

    let settings: PipelineSettings
    var layout: DatasetLayout { settings.layout }
    var results: [StageResult] = []
    var state: PipelineState

    init(settings: PipelineSettings) {
        self.settings = settings
        state = PipelineState.load(path: settings.layout.path(PipelineState.fileName))
    }

    func run() async throws {
        do {
            try await stage("fetch") { try await fetch() }
            try await stage("split") { try split() }
            try await stage("validate") { try validate() }
            try await stage("extract") { try extract() }
            try await stage("train") { try train() }
            try await stage("evaluate") { try evaluate() }
            try await stage("export") { try exportONNX() }
        } catch {
            printSummary()
            throw error
        }
        printSummary()
    }

    /// Runs one stage, timing it and recording its result; a thrown error is recorded as failed.
    func stage(_ name: String, _ body: () async throws -> (Status, String)) async throws {
        DatasetConsole.line("pipeline: \(name)")
        let start = Date()
        do {
            let (status, detail) = try await body()
            results.append(StageResult(name: name, status: status, seconds: Date().timeIntervalSince(start), detail: detail))
        } catch {
            results.append(StageResult(name: name, status: .failed, seconds: Date().timeIntervalSince(start), detail: "\(error)"))
            throw error
        }
    }

    /// True (and the stage is skipped) when `fingerprint` equals the stage's last one, every
    /// output exists, and --force is off.
    func upToDate(_ stage: String, fingerprint: String, outputs: [String]) -> Bool {
        !settings.force && state.fingerprints[stage] == fingerprint && outputs.allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }

    func record(_ stage: String, fingerprint: String) throws {
        state.fingerprints[stage] = fingerprint
        try state.save(path: layout.path(PipelineState.fileName))
    }

    // MARK: - Stages

    func fetch() async throws -> (Status, String) {
        guard let config = settings.fetch, let dataset = config.roboflow else { return (.notConfigured, "no fetch section in the config") }
        let key = try RoboflowClient.apiKey(from: ProcessInfo.processInfo.environment)
        let fetch = try RoboflowFetch(client: RoboflowClient(apiURL: config.apiURL ?? RoboflowClient.defaultAPIURL, apiKey: key),
                                      dataset: try RoboflowDatasetID(parsing: dataset), format: config.format ?? "coco", layout: layout)
        if !settings.force, let record = fetch.existingRecord() { return (.skipped, "\(record.samples.count) pose samples in \(layout.relativePath(to: fetch.exportFolder))") }
        let status = StatusLine()
        let record = try await fetch.run(http: HTTPClient.shared) { status.show($0) }
        status.finish()
        return (.ran, "\(record.samples.count) pose samples in \(layout.relativePath(to: fetch.exportFolder))")
    }

    func split() throws -> (Status, String) {
        var manifest = try DatasetManifest.load(path: layout.manifestPath)
        if let saved = manifest.split, !settings.force, saved.seed == settings.splitSeed, saved.strata == settings.strata,
           saved.fractions == settings.fractions, manifest.videos.allSatisfy({ saved.assignment[$0.id] != nil }) {
            return (.skipped, describe(saved, manifest))
        }
        let split = try DatasetSplitter.holdout(manifest.videos, fractions: settings.fractions, strata: settings.strata, seed: settings.splitSeed)
        manifest.split = split
        try manifest.save(path: layout.manifestPath)
        return (.ran, describe(split, manifest))
    }

    func describe(_ split: HoldoutSplit, _ manifest: DatasetManifest) -> String {
        SplitPart.allCases.map { part in "\(part.rawValue) \(manifest.videos.filter { split.assignment[$0.id] == part }.count)" }.joined(separator: ", ") + " videos"
    }

    func validate() throws -> (Status, String) {
        let fingerprint = try PipelineFingerprint.dataset(layout)
        let reportPath = layout.reportsFolder + "/validation.json"
        if upToDate("validate", fingerprint: fingerprint, outputs: [reportPath, layout.reportsFolder + "/validation.html"]) {
            return (.skipped, "reports/validation.html")
        }
        let report = try DatasetValidation.run(layout: layout)
        print(report.summary)
        guard report.passed else {
            throw CLIExit.impossible("validation found \(report.errors.count) errors (see \(layout.reportsFolder)/validation.html); fix them and run the pipeline again")
        }
        try record("validate", fingerprint: fingerprint)
        return (.ran, "\(report.warnings.count) warnings, reports/validation.html")
    }

    func extract() throws -> (Status, String) {
        var extraction = DatasetExtraction(layout: layout, models: try ModelSet.locate(explicitDirectory: settings.models))
        extraction.jobs = settings.jobs
        extraction.augmentKinds = settings.augmentKinds
        extraction.augmentCopies = settings.augmentCopies
        extraction.augmentSeed = settings.augmentSeed
        let summary = try ExtractionRun.run(extraction)
        guard summary.failed.isEmpty else {
            throw CLIExit.impossible("pose extraction failed for \(summary.failed.map(\.name).joined(separator: ", "))")
        }
        let status: Status = summary.extracted.isEmpty ? .skipped : .ran
        if status == .ran {
            // The report written before extraction could not judge pose coverage: refresh it.
            let report = try DatasetValidation.run(layout: layout)
            DatasetConsole.line("validation report refreshed with pose coverage: \(report.errors.count) errors, \(report.warnings.count) warnings")
            try record("validate", fingerprint: try PipelineFingerprint.dataset(layout))
        }
        return (status, "\(summary.extracted.count) extracted, \(summary.cached.count) cached, poses/")
    }

    var modelFolder: String { layout.path("build/model") }
    var evaluationFolder: String { layout.path("build/evaluation") }

    func train() throws -> (Status, String) {
        let built = try TrainingSetBuilder(layout: layout).run()
        let builder = TrainingSetBuilder(layout: layout)
        let fingerprint = try PipelineFingerprint.training(folders: [builder.folder(.train), builder.folder(.val)], hyperparameters: settings.training)
        if upToDate("train", fingerprint: fingerprint, outputs: [modelFolder + "/best/config.json"]) { return (.skipped, "build/model/best") }
        let t = settings.training
        Engine.configure(threads: t.threads)
        let trainSequences = try LabelFile.loadDirectory(builder.folder(.train))
        let validationSequences = try LabelFile.loadDirectory(builder.folder(.val))
        let training = WindowDataset(trainSequences, stride: t.stride)
        let validation = WindowDataset(validationSequences, stride: 30)
        DatasetConsole.line("training on \(trainSequences.count) sequences (\(built.augmented) augmented; \(training.windows.count) windows), validating on \(validationSequences.count) (\(validation.windows.count) windows)")
        try? FileManager.default.removeItem(atPath: modelFolder)
        var options = TrainingOptions()
        options.epochs = t.epochs
        options.batchSize = t.batchSize
        options.learningRate = Float(t.learningRate)
        options.seed = t.seed
        options.patience = t.patience
        var generator = SeededGenerator(seed: t.seed)
        let model = GaitNet(configuration: GaitNetConfiguration(hiddenSize: t.hidden, layerCount: t.layers), using: &generator)
        let trainer = Trainer(model: model, options: options, training: training, validation: validation, outputDirectory: modelFolder,
                              notes: "runcoach pipeline on \(layout.root)")
        trainer.progress = { DatasetConsole.line($0) }
        let history = try trainer.run()

        // As `runcoach train` does: temperatures fitted on the validation runners, stored with the best model.
        try ModelEvaluation.calibrate(checkpoint: modelFolder + "/best", validation: validationSequences)
        let report = try ModelEvaluation.evaluate(checkpoint: modelFolder + "/best", on: validationSequences,
                                                  writingTo: modelFolder + "/validation").recordings
        try record("train", fingerprint: fingerprint)
        return (.ran, "\(history.count) epochs, build/model/best (validation phase accuracy \(String(format: "%.1f%%", report.phases.accuracy * 100)))")
    }

    func evaluate() throws -> (Status, String) {
        let builder = TrainingSetBuilder(layout: layout)
        var part = SplitPart.test
        var note = ""
        if !PipelineFingerprint.hasLabelFiles(builder.folder(.test)) {
            part = .val
            note = " (the test part has no labelled video: evaluated on validation, which also chose the model, so the numbers are optimistic)"
        }
        let fingerprint = try PipelineFingerprint.evaluation(model: modelFolder + "/best", folder: builder.folder(part))
        if upToDate("evaluate", fingerprint: fingerprint, outputs: [evaluationFolder + "/evaluation.json"]) {
            return (.skipped, "build/evaluation/evaluation.json" + note)
        }
        let sequences = try LabelFile.loadDirectory(builder.folder(part))
        let result = try ModelEvaluation.evaluate(checkpoint: modelFolder + "/best", on: sequences, writingTo: evaluationFolder)
        print(result.windows.summary)
        print(result.recordings.summary)
        try record("evaluate", fingerprint: fingerprint)
        return (.ran, "\(part.rawValue): \(sequences.count) recordings (\(result.windowCount) windows), phase accuracy \(String(format: "%.1f%%", result.recordings.phases.accuracy * 100)), build/evaluation/" + note)
    }

    /// The best checkpoint as `build/export/gait_model.onnx` (float32, default opset), rewritten
    /// only when the checkpoint changed.
    func exportONNX() throws -> (Status, String) {
        guard settings.exportONNX else { return (.notConfigured, "export.onnx is false in the config") }
        let output = layout.path("build/export/gait_model.onnx")
        let fingerprint = ContentHash.sha256(try PipelineFingerprint.files(in: modelFolder + "/best").map { try ContentHash.sha256(ofFileAt: $0) }.joined(separator: "\n"))
        if upToDate("export", fingerprint: fingerprint, outputs: [output]) {
            return (.skipped, "build/export/gait_model.onnx")
        }
        let (network, config) = try Checkpoint.load(path: modelFolder + "/best")
        let data = try ONNXExporter.export(model: network, config: config, options: ONNXExportOptions(producerVersion: Runcoach.version))
        try AtomicFile.write(data, to: output)
        try record("export", fingerprint: fingerprint)
        return (.ran, String(format: "build/export/gait_model.onnx (%.1f MB, float32, opset %d)", Double(data.count) / 1e6, ONNXExportOptions.defaultOpset))
    }

    func printSummary() {
        print("pipeline summary (\(layout.root)):")
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        for result in results {
            print("  " + padded(result.name, 9) + padded(result.status.rawValue, 15) + String(format: "%7.1f s  ", result.seconds) + result.detail)
        }
    }
}

/// What the stages recorded last time they succeeded.
struct PipelineState: Codable {
    static let fileName = "build/pipeline-state.json"
    var fingerprints: [String: String] = [:]

    static func load(path: String) -> PipelineState {
        guard let data = FileManager.default.contents(atPath: path), let state = try? JSONDecoder().decode(PipelineState.self, from: data) else {
            return PipelineState()
        }
        return state
    }

    func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(self), to: path)
    }
}

/// SHA-256 fingerprints of a stage's inputs.
enum PipelineFingerprint {
    /// The manifest, every label file and the extracted pose files (by content).
    static func dataset(_ layout: DatasetLayout) throws -> String {
        var parts = [try ContentHash.sha256(ofFileAt: layout.manifestPath)]
        parts += try files(in: layout.labelsFolder).map { try ContentHash.sha256(ofFileAt: $0) }
        parts += try files(in: layout.posesFolder).map { try ContentHash.sha256(ofFileAt: $0) }
        return ContentHash.sha256(parts.joined(separator: "\n"))
    }

    /// The label files of `folders` with the pose files they name, and the hyper-parameters.
    static func training(folders: [String], hyperparameters: PipelineSettings.Training) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var parts = [String(decoding: try encoder.encode(hyperparameters), as: UTF8.self)]
        for folder in folders { parts += try labelledData(folder) }
        return ContentHash.sha256(parts.joined(separator: "\n"))
    }

    /// The model's files and the evaluation data.
    static func evaluation(model: String, folder: String) throws -> String {
        var parts = try files(in: model).map { try ContentHash.sha256(ofFileAt: $0) }
        parts += try labelledData(folder)
        return ContentHash.sha256(parts.joined(separator: "\n"))
    }

    static func labelledData(_ folder: String) throws -> [String] {
        var parts: [String] = []
        for labelFile in try files(in: folder) where labelFile.hasSuffix(".labels.json") {
            parts.append((labelFile as NSString).lastPathComponent + " " + (try ContentHash.sha256(ofFileAt: labelFile)))
            let labels = try RuncoachLabels.load(path: labelFile)
            let poses = ((labelFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(labels.poses)
            parts.append(try ContentHash.sha256(ofFileAt: poses))
        }
        return parts
    }

    static func hasLabelFiles(_ folder: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.hasSuffix(".labels.json") }
    }

    /// Regular files under `folder`, recursively, sorted; none when it does not exist.
    static func files(in folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        return enumerator.compactMap { $0 as? String }.map { folder + "/" + $0 }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }
}
