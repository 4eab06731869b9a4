/// Scores detected gait events against ground-truth events (force plate, simulator).
///
/// Matching: a detected contact and a truth contact can pair only when they are the same foot and
/// their initial contacts (ICs) lie within `windowSeconds` of each other. Among all such candidate
/// pairs the closest are paired first (greedy by |ΔIC|), each event at most once. Unpaired truth
/// events are `missed`, unpaired detections `extra`. Errors are detected − truth, so a positive
/// bias means the detector is late.
public struct GaitEventComparison: Sendable {
    /// One paired contact.
    public struct Match: Equatable, Sendable {
        public var truth: GaitEvent
        public var detected: GaitEvent
        /// Detected IC − truth IC, milliseconds.
        public var initialContactErrorMs: Double
        /// Detected TO − truth TO, milliseconds, when both know their toe-off.
        public var toeOffErrorMs: Double?
    }

    /// Summary of a set of signed errors, milliseconds.
    public struct ErrorSummary: Equatable, Sendable {
        public var n: Int
        /// Mean signed error (positive = detected late), ms; `nil` when `n` is 0.
        public var meanBiasMs: Double?
        /// Root-mean-square error, ms; `nil` when `n` is 0.
        public var rmseMs: Double?
        /// Largest absolute error, ms; `nil` when `n` is 0.
        public var maxAbsoluteMs: Double?

        /// Summarises `errors`, milliseconds.
        public init(_ errors: [Double]) {
            n = errors.count
            guard !errors.isEmpty else { return }
            let count = Double(errors.count)
            meanBiasMs = errors.reduce(0, +) / count
            rmseMs = (errors.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
            maxAbsoluteMs = errors.map(abs).max()
        }
    }

    /// The pairing window, seconds.
    public var windowSeconds: Double
    /// Pairs in truth order.
    public var matches: [Match]
    /// Truth events no detection paired with.
    public var missed: [GaitEvent]
    /// Detections no truth event paired with.
    public var extra: [GaitEvent]
    /// IC errors over all matches.
    public var initialContact: ErrorSummary
    /// TO errors over the matches where both sides know the toe-off.
    public var toeOff: ErrorSummary

    /// The window used when none is given: 40 % of the median truth step time, or 0.15 s when the
    /// truth has no step (fewer than two alternating contacts). Half a step would let a contact
    /// pair with the neighbour of its true partner; 40 % keeps a margin.
    public static func defaultWindowSeconds(truth: [GaitEvent]) -> Double {
        let sorted = truth.sorted { $0.initialContact < $1.initialContact }
        let steps = zip(sorted, sorted.dropFirst()).filter { $0.side != $1.side }
            .map { $1.initialContact - $0.initialContact }.sorted()
        guard !steps.isEmpty else { return 0.15 }
        return 0.4 * steps[steps.count / 2]
    }

    /// Pairs `detected` with `truth` and summarises the errors.
    public init(detected: [GaitEvent], truth: [GaitEvent], windowSeconds: Double? = nil) {
        let window = windowSeconds ?? Self.defaultWindowSeconds(truth: truth)
        self.windowSeconds = window
        var candidates: [(truth: Int, detected: Int, distance: Double)] = []
        for (i, t) in truth.enumerated() {
            for (j, d) in detected.enumerated() where d.side == t.side {
                let distance = abs(d.initialContact - t.initialContact)
                if distance <= window { candidates.append((i, j, distance)) }
            }
        }
        candidates.sort { ($0.distance, $0.truth, $0.detected) < ($1.distance, $1.truth, $1.detected) }
        var partnerOfTruth = [Int?](repeating: nil, count: truth.count)
        var detectionUsed = [Bool](repeating: false, count: detected.count)
        for candidate in candidates where partnerOfTruth[candidate.truth] == nil && !detectionUsed[candidate.detected] {
            partnerOfTruth[candidate.truth] = candidate.detected
            detectionUsed[candidate.detected] = true
        }
        var matches: [Match] = []
        var missed: [GaitEvent] = []
        for (i, t) in truth.enumerated() {
            guard let j = partnerOfTruth[i] else {
                missed.append(t)
                continue
            }
            let d = detected[j]
            var toeOffError: Double?
            if let detectedToeOff = d.toeOff, let truthToeOff = t.toeOff { toeOffError = (detectedToeOff - truthToeOff) * 1000 }
            matches.append(Match(truth: t, detected: d, initialContactErrorMs: (d.initialContact - t.initialContact) * 1000, toeOffErrorMs: toeOffError))
        }
        matches.sort { $0.truth.initialContact < $1.truth.initialContact }
        self.matches = matches
        self.missed = missed
        extra = detected.indices.filter { !detectionUsed[$0] }.map { detected[$0] }
        initialContact = ErrorSummary(matches.map(\.initialContactErrorMs))
        toeOff = ErrorSummary(matches.compactMap(\.toeOffErrorMs))
    }
}

/// Frame-by-frame agreement of two phase labellings (detected vs truth).
///
/// Both arrays must be in time order (as reports write them). Frames are paired by time: each
/// detected frame with the truth frame at the same time within
/// `toleranceSeconds` (default 1 ms, far below any frame interval). A pair counts only when both
/// phases are known (non-`nil`).
public struct PhaseAgreement: Equatable, Sendable {
    /// Frames where both labellings know the phase.
    public var comparedFrames: Int
    /// Share of compared frames with the same phase, 0-1 (`nil` when none were compared).
    public var phaseAgreement: Double?
    /// Share of compared frames with the same stance side, 0-1 (`nil` when none were compared).
    public var sideAgreement: Double?
    /// Counts indexed [truth phase][detected phase] by `GaitPhase.classIndex`.
    public var confusion: [[Int]]

    public init(detected: [FramePhase], truth: [FramePhase], toleranceSeconds: Double = 0.001) {
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: GaitPhase.allCases.count), count: GaitPhase.allCases.count)
        var compared = 0, samePhase = 0, sameSide = 0
        var t = 0
        for frame in detected {
            while t < truth.count, truth[t].t < frame.t - toleranceSeconds { t += 1 }
            guard t < truth.count, abs(truth[t].t - frame.t) <= toleranceSeconds,
                let truthPhase = truth[t].phase, let detectedPhase = frame.phase
            else { continue }
            compared += 1
            confusion[truthPhase.classIndex][detectedPhase.classIndex] += 1
            if truthPhase == detectedPhase { samePhase += 1 }
            if truth[t].side == frame.side { sameSide += 1 }
        }
        comparedFrames = compared
        phaseAgreement = compared > 0 ? Double(samePhase) / Double(compared) : nil
        sideAgreement = compared > 0 ? Double(sameSide) / Double(compared) : nil
        self.confusion = confusion
    }
}
