import Foundation
import GaitCore

/// `dataset validate`: checks a dataset against the recommended size and capture set-up, and its
/// labels for completeness and consistency (see `docs/datasets.md` for every check and whether it
/// is an error or a warning).
public struct DatasetValidator {
    public var layout: DatasetLayout
    public var recommendations = DatasetRecommendations()
    /// Measures a video file when the manifest does not record its facts (ffprobe); `nil` skips it.
    public var probe: ((String) throws -> VideoFacts)?

    public init(layout: DatasetLayout, probe: ((String) throws -> VideoFacts)? = nil) {
        self.layout = layout
        self.probe = probe
    }

    public func validate() throws -> ValidationReport {
        let manifest = try DatasetManifest.load(path: layout.manifestPath)
        var findings: [ValidationFinding] = []
        var summaries: [VideoSummary] = []
        var phaseFrames: [String: Int] = [:]
        var issuePresent: [IssueKind: Int] = [:], issueAbsent: [IssueKind: Int] = [:]
        var formScores: [Double] = []

        for video in manifest.videos {
            let outcome = checkVideo(video, part: manifest.split?.assignment[video.id])
            findings += outcome.findings
            summaries.append(outcome.summary)
            for phase in outcome.phases.compactMap({ $0 }) { phaseFrames[phase.rawValue, default: 0] += 1 }
            for (kind, value) in outcome.issueScores {
                if value >= 0.5 { issuePresent[kind, default: 0] += 1 } else { issueAbsent[kind, default: 0] += 1 }
            }
            if let score = outcome.summary.formScore { formScores.append(score) }
        }

        let parts = partSummaries(manifest, summaries)
        findings += checkCounts(manifest, parts)
        let leakage = runnersInSeveralParts(manifest)
        for (runner, inParts) in leakage.sorted(by: { $0.key < $1.key }) {
            findings.append(ValidationFinding(.error, "leakage", "runner \(runner) is in \(inParts.map(\.rawValue).joined(separator: " and ")): a model would be scored on a person it trained on; split again with `runcoach dataset split`"))
        }
        findings += checkDuplicates(manifest)
        findings += checkBalance(phaseFrames, issuePresent, issueAbsent, formScores, labelled: summaries.filter(\.labelled).count)
        let diversity = diversityCounts(manifest)
        findings += checkDiversity(diversity, runners: Set(manifest.videos.map(\.runner)).count)

        return ValidationReport(
            dataset: manifest.name, recommendations: recommendations, parts: parts,
            unassignedVideos: manifest.videos.filter { manifest.split?.assignment[$0.id] == nil }.count,
            runners: Set(manifest.videos.map(\.runner)).count, videos: summaries, phaseFrames: phaseFrames,
            issuePresent: issuePresent, issueAbsent: issueAbsent, formScores: formScores, diversity: diversity, leakage: leakage,
            errors: findings.filter { $0.severity == .error }, warnings: findings.filter { $0.severity == .warning })
    }

    // MARK: - One video

    struct VideoOutcome {
        var summary: VideoSummary
        var findings: [ValidationFinding]
        var phases: [GaitPhase?]
        var issueScores: [IssueKind: Double]
    }

    func checkVideo(_ video: VideoEntry, part: SplitPart?) -> VideoOutcome {
        var findings: [ValidationFinding] = []
        func add(_ severity: ValidationFinding.Severity, _ check: String, _ message: String) {
            findings.append(ValidationFinding(severity, check, video: video.id, message))
        }
        var summary = VideoSummary(id: video.id, runner: video.runner, part: part, cameraAngle: video.cameraAngle, labelled: false, contacts: 0)
        let videoPath = layout.path(video.video)
        var facts = video.facts
        if !FileManager.default.fileExists(atPath: videoPath) {
            add(.error, "files", "the video file \(video.video) is missing")
        } else if facts == nil, let probe {
            do { facts = try probe(videoPath) } catch { add(.error, "files", "the video cannot be read: \(error)") }
        }
        if let facts {
            summary.durationSeconds = facts.durationSeconds
            summary.fps = facts.fps
            summary.width = facts.width
            summary.height = facts.height
            findings += checkCapture(video, facts)
        } else {
            add(.warning, "capture", "frame rate, size and duration unknown (install ffprobe, or re-add the video)")
        }
        findings += checkCameraSetup(video)

        let poses = loadPoses(video, add: add)
        if let poses {
            let coverage = PoseCoverage(poses)
            summary.poseCoverage = coverage.personShare
            summary.legVisibility = coverage.legVisibility
            if coverage.personShare < recommendations.minimumPoseCoverage {
                add(.warning, "poses", String(format: "a person was found in %.0f%% of frames (recommended ≥ %.0f%%): the runner leaves the view or is too small", coverage.personShare * 100, recommendations.minimumPoseCoverage * 100))
            }
            if let legs = coverage.legVisibility, legs < recommendations.minimumLegVisibility {
                add(.warning, "poses", String(format: "mean leg landmark visibility %.2f (recommended ≥ %.2f): legs hidden, blurred or badly lit", legs, recommendations.minimumLegVisibility))
            }
        }

        var phases: [GaitPhase?] = []
        var issueScores: [IssueKind: Double] = [:]
        if let labelsPath = video.labels {
            do {
                let labels = try RuncoachLabels.load(path: layout.path(labelsPath))
                summary.labelled = true
                summary.contacts = labels.events?.count ?? 0
                summary.formScore = labels.formScore
                let times = poses?.frames.map(\.time) ?? facts.map { FrameClock(frameCount: $0.frameCount, fps: $0.fps).times } ?? []
                if times.isEmpty {
                    add(.warning, "labels", "labels cannot be checked against the video: its frames are unknown")
                } else {
                    let outcome = LabelFileCheck.check(labels, times: times)
                    phases = outcome.phases
                    summary.phaseLabelledShare = Double(phases.compactMap { $0 }.count) / Double(times.count)
                    for finding in outcome.findings {
                        let location = finding.frame.map { "frame \($0): " } ?? ""
                        add(finding.severity == .error ? .error : .warning, "labels", location + finding.message)
                    }
                }
                issueScores = LabelFileCheck.issueScores(labels)
                if labels.events == nil && labels.phases == nil { add(.warning, "labels", "no contacts or phases labelled: only the score and issues can be learnt") }
                if labels.formScore == nil { add(.warning, "labels", "no form score") }
                if issueScores.count < IssueKind.allCases.count { add(.warning, "labels", "issues not rated: \(IssueKind.allCases.filter { issueScores[$0] == nil }.map(\.rawValue).joined(separator: ", "))") }
                if labels.runner != video.runner { add(.error, "labels", "the label file names runner \(labels.runner) but the manifest \(video.runner)") }
            } catch {
                add(.error, "labels", "\(error)")
            }
        } else {
            add(.warning, "labels", "not annotated (import a CVAT or Label Studio export with `runcoach dataset import`)")
        }
        return VideoOutcome(summary: summary, findings: findings, phases: phases, issueScores: issueScores)
    }

    func checkCapture(_ video: VideoEntry, _ facts: VideoFacts) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        func warn(_ check: String, _ message: String) { findings.append(ValidationFinding(.warning, check, video: video.id, message)) }
        let r = recommendations
        if facts.durationSeconds < r.minimumDurationSeconds || facts.durationSeconds > r.maximumDurationSeconds {
            warn("duration", String(format: "%.1f s long; recommended %.0f-%.0f s (several strides, steady pace)", facts.durationSeconds, r.minimumDurationSeconds, r.maximumDurationSeconds))
        }
        if min(facts.width, facts.height) < r.minimumShortSidePixels {
            warn("capture", "\(facts.width)×\(facts.height) px; recommended ≥ 1080p (landmarks on small runners are noisy)")
        }
        if facts.fps + 0.5 < r.minimumFPS {
            warn("capture", String(format: "%.2f fps; recommended ≥ %.0f fps (contact timing uncertainty is about half a frame: %.0f ms here)", facts.fps, r.minimumFPS, 500 / max(facts.fps, 1)))
        }
        return findings
    }

    func checkCameraSetup(_ video: VideoEntry) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        func warn(_ message: String) { findings.append(ValidationFinding(.warning, "capture", video: video.id, message)) }
        switch video.cameraAngle {
        case .frontal?, .rear?:
            warn("filmed from the \(video.cameraAngle!.rawValue): contact times, overstride and joint angles need a side view or one up to 45° off it")
        case nil:
            warn("camera angle not recorded (side or oblique 30-45° recommended)")
        default:
            break
        }
        if let degrees = video.cameraAngleDegrees, degrees > recommendations.maximumCameraAngleDegrees {
            warn(String(format: "camera %.0f° off the side view; recommended ≤ %.0f°", degrees, recommendations.maximumCameraAngleDegrees))
        }
        if video.cameraStable == false { warn("hand-held or moving camera; a tripod is recommended (pixel motion reads as body motion)") }
        if video.cameraStable == nil { warn("camera stability not recorded") }
        return findings
    }

    func loadPoses(_ video: VideoEntry, add: (ValidationFinding.Severity, String, String) -> Void) -> PoseSequence? {
        let path = layout.posePath(id: video.id)
        guard FileManager.default.fileExists(atPath: path) else {
            add(.warning, "poses", "poses not extracted yet (run `runcoach dataset extract`); pose coverage unknown")
            return nil
        }
        do {
            return try RuncoachPoseFormat.read(path: path)
        } catch {
            add(.error, "poses", "the pose file cannot be read: \(error)")
            return nil
        }
    }

    // MARK: - Whole dataset

    func partSummaries(_ manifest: DatasetManifest, _ videos: [VideoSummary]) -> [SplitPart: PartSummary] {
        var parts: [SplitPart: PartSummary] = [:]
        for part in SplitPart.allCases {
            let members = videos.filter { $0.part == part }
            parts[part] = PartSummary(videos: members.count, labelledVideos: members.filter(\.labelled).count,
                                      runners: Set(members.map(\.runner)).count,
                                      durationSeconds: members.compactMap(\.durationSeconds).reduce(0, +),
                                      recommendedVideos: recommendations.minimumVideos[part])
        }
        return parts
    }

    func checkCounts(_ manifest: DatasetManifest, _ parts: [SplitPart: PartSummary]) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        guard !manifest.videos.isEmpty else { return [ValidationFinding(.error, "counts", "the dataset has no videos")] }
        guard manifest.split != nil else {
            return [ValidationFinding(.warning, "split", "no train/val/test split saved; run `runcoach dataset split`")]
        }
        for part in SplitPart.allCases {
            let summary = parts[part] ?? PartSummary()
            let minimum = recommendations.minimumVideos[part] ?? 0
            if summary.videos < minimum {
                findings.append(ValidationFinding(.warning, "counts", "\(part.rawValue) has \(summary.videos) videos; recommended ≥ \(minimum) (\(minimum - summary.videos) more)"))
            }
        }
        for part in [SplitPart.train, .val] where (parts[part]?.labelledVideos ?? 0) == 0 {
            findings.append(ValidationFinding(.error, "counts", "\(part.rawValue) has no labelled video: the model cannot be \(part == .train ? "trained" : "validated")"))
        }
        if (parts[.test]?.labelledVideos ?? 0) == 0 {
            findings.append(ValidationFinding(.warning, "counts", "test has no labelled video: the model can only be scored on the validation part, which also chose it"))
        }
        let unassigned = manifest.videos.filter { manifest.split?.assignment[$0.id] == nil }
        if !unassigned.isEmpty {
            findings.append(ValidationFinding(.warning, "split", "\(unassigned.count) videos were added after the split (\(unassigned.prefix(5).map(\.id).joined(separator: ", "))); split again"))
        }
        return findings
    }

    func runnersInSeveralParts(_ manifest: DatasetManifest) -> [String: [SplitPart]] {
        guard let split = manifest.split else { return [:] }
        var partsOfRunner: [String: Set<SplitPart>] = [:]
        for video in manifest.videos {
            if let part = split.assignment[video.id] { partsOfRunner[video.runner, default: []].insert(part) }
        }
        return partsOfRunner.filter { $0.value.count > 1 }.mapValues { $0.sorted { $0.order < $1.order } }
    }

    func checkDuplicates(_ manifest: DatasetManifest) -> [ValidationFinding] {
        let byHash = Dictionary(grouping: manifest.videos.filter { $0.sha256 != nil }, by: { $0.sha256! })
        return byHash.values.filter { $0.count > 1 }.map { twins in
            ValidationFinding(.error, "leakage", "videos \(twins.map(\.id).joined(separator: ", ")) have the same content")
        }
    }

    func checkBalance(_ phaseFrames: [String: Int], _ present: [IssueKind: Int], _ absent: [IssueKind: Int], _ scores: [Double], labelled: Int) -> [ValidationFinding] {
        guard labelled > 0 else { return [] }
        var findings: [ValidationFinding] = []
        let total = phaseFrames.values.reduce(0, +)
        if total > 0 {
            for phase in GaitPhase.allCases {
                let share = Double(phaseFrames[phase.rawValue] ?? 0) / Double(total)
                if share < recommendations.minimumPhaseShare {
                    findings.append(ValidationFinding(.warning, "balance", String(format: "phase %@ has %.1f%% of labelled frames (recommended ≥ %.0f%%)", phase.rawValue, share * 100, recommendations.minimumPhaseShare * 100)))
                }
            }
        } else {
            findings.append(ValidationFinding(.warning, "balance", "no frame has a phase label"))
        }
        for kind in IssueKind.allCases {
            let yes = present[kind] ?? 0, no = absent[kind] ?? 0
            if yes == 0 || no == 0 {
                findings.append(ValidationFinding(.warning, "balance", "\(kind.rawValue): \(yes) videos with it, \(no) without; the detector needs both"))
            }
        }
        if scores.count >= 2, let low = scores.min(), let high = scores.max(), high - low < 3 {
            findings.append(ValidationFinding(.warning, "balance", String(format: "form scores only span %.1f-%.1f; the score head needs poor and good runners", low, high)))
        }
        return findings
    }

    func diversityCounts(_ manifest: DatasetManifest) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for axis in VideoEntry.diversityAxes where axis != "runner" {
            for video in manifest.videos { counts[axis, default: [:]][video.value(of: axis) ?? "unknown", default: 0] += 1 }
        }
        return counts
    }

    func checkDiversity(_ counts: [String: [String: Int]], runners: Int) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        if runners < recommendations.minimumRunners {
            findings.append(ValidationFinding(.warning, "diversity", "\(runners) runners; recommended ≥ \(recommendations.minimumRunners) (the model must not learn individuals)"))
        }
        for (axis, minimum) in recommendations.minimumValuesPerAxis.sorted(by: { $0.key < $1.key }) {
            let values = counts[axis] ?? [:]
            let known = values.filter { $0.key != "unknown" }
            if known.count < minimum {
                let have = known.isEmpty ? "none recorded" : known.keys.sorted().joined(separator: ", ")
                var message = "\(axis): \(known.count) value\(known.count == 1 ? "" : "s") (\(have)); recommended ≥ \(minimum)"
                if axis == "environment" {
                    let missing = RunningEnvironment.allCases.map(\.rawValue).filter { known[$0] == nil }
                    message += "; missing \(missing.joined(separator: ", "))"
                }
                findings.append(ValidationFinding(.warning, "diversity", message))
            }
            if let unknown = values["unknown"], unknown > 0 {
                findings.append(ValidationFinding(.warning, "diversity", "\(axis) not recorded for \(unknown) videos"))
            }
        }
        return findings
    }
}

/// How well pose estimation found the runner in a video.
struct PoseCoverage {
    /// Share of frames with a person, 0-1.
    var personShare: Double
    /// Mean visibility of the hip-to-toe landmarks in frames with a person, or `nil` when none.
    var legVisibility: Double?

    init(_ poses: PoseSequence) {
        let withPerson = poses.frames.filter { $0.landmarks != nil }
        personShare = poses.frames.isEmpty ? 0 : Double(withPerson.count) / Double(poses.frames.count)
        let legs = withPerson.flatMap { frame in
            (BlazePoseLandmark.leftHip.rawValue...BlazePoseLandmark.rightFootIndex.rawValue).map { frame.landmarks![$0]?.visibility ?? 0 }
        }
        legVisibility = legs.isEmpty ? nil : legs.reduce(0, +) / Double(legs.count)
    }
}
