import GaitCore

/// How well the model's phases time the foot contacts, in milliseconds: where its most likely
/// phase changes from swing to a stance phase (an initial contact) or back (a toe-off), against
/// the labelled contacts (the force plate's on the Fukuchi trial, the simulator's exact ones).
///
/// A model event lies halfway between the two frames where the phase changes (so it is quantised
/// to half a frame: ±3.3 ms at 150 fps). Each labelled event takes the nearest model event of its
/// kind; none within `tolerance` counts as missed. Contacts while the runner is out of view do not
/// count. Running only: between two stances the label is swing (flight), so a stance starts and
/// ends at a change into or out of swing, or, where the flight is shorter than a frame, where
/// toe-off turns straight into contact.
public struct EventTiming: Codable, Sendable, Equatable {
    /// A model event further than this from a labelled one does not count as finding it, seconds.
    public static let tolerance = 0.1

    /// Timing errors of one kind of event (model − label).
    public struct Errors: Codable, Sendable, Equatable {
        public var matched: Int
        public var missed: Int
        /// Mean error, ms; negative = the model's event comes early. `nil` when none matched.
        public var biasMilliseconds: Double?
        /// Root-mean-square error, ms.
        public var rmsMilliseconds: Double?

        /// `errors` in seconds.
        init(errors: [Double], missed: Int) {
            let summary = GaitEventComparison.ErrorSummary(errors.map { 1000 * $0 })
            matched = summary.n
            self.missed = missed
            biasMilliseconds = summary.meanBiasMs
            rmsMilliseconds = summary.rmseMs
        }
    }

    /// Keyed by foot (`left`, `right`), then event (`initialContact`, `toeOff`).
    public var byFoot: [String: [String: Errors]]

    /// Mean error of `event` (`initialContact`, `toeOff`) over both feet, ms, weighted by the
    /// contacts matched; `nil` when none matched.
    public func biasMilliseconds(of event: String) -> Double? {
        let matched = byFoot.values.compactMap { $0[event] }.filter { $0.matched > 0 && $0.biasMilliseconds != nil }
        let count = matched.reduce(0) { $0 + $1.matched }
        guard count > 0 else { return nil }
        return matched.reduce(0.0) { $0 + $1.biasMilliseconds! * Double($1.matched) } / Double(count)
    }

    /// Collects the errors recording by recording.
    struct Accumulator {
        /// foot → event → (errors in seconds, missed count)
        private var collected: [String: [String: (errors: [Double], missed: Int)]] = [:]

        /// One recording: its frame times (s), the model's most likely phase per frame (`nil` where
        /// the runner is not in view) and the labelled contacts.
        mutating func add(times: [Double], phases: [GaitPhase?], events: [GaitEvent]) {
            var starts: [Double] = [], ends: [Double] = []
            for index in times.indices.dropFirst() {
                guard let before = phases[index - 1], let after = phases[index] else { continue }
                let between = (times[index - 1] + times[index]) / 2
                // A flight shorter than a frame shows as toe-off followed by contact: both events.
                let nextStance = before == .toeOff && after == .contact
                if (before == .swing && after != .swing) || nextStance { starts.append(between) }
                if (before != .swing && after == .swing) || nextStance { ends.append(between) }
            }
            func match(_ time: Double, among candidates: [Double], foot: BodySide, event: String) {
                // Only contacts with the runner in view on both sides of them (an overground runner
                // crosses the picture; a contact outside it is not the model's to find).
                let after = times.partitioningIndex { $0 > time }
                guard after > 0, after < times.count, phases[after - 1] != nil, phases[after] != nil else { return }
                // Candidates increase in time: the nearest is the first after `time` or the one before it.
                let next = candidates.partitioningIndex { $0 > time }
                let nearest = [next - 1, next].filter(candidates.indices.contains).map { candidates[$0] }
                    .min { abs($0 - time) < abs($1 - time) }
                var entry = collected[foot.rawValue, default: [:]][event, default: ([], 0)]
                if let nearest, abs(nearest - time) <= EventTiming.tolerance {
                    entry.errors.append(nearest - time)
                } else {
                    entry.missed += 1
                }
                collected[foot.rawValue, default: [:]][event] = entry
            }
            for event in events {
                match(event.initialContact, among: starts, foot: event.side, event: "initialContact")
                if let toeOff = event.toeOff { match(toeOff, among: ends, foot: event.side, event: "toeOff") }
            }
        }

        /// `nil` when no labelled contact was seen.
        var result: EventTiming? {
            collected.isEmpty ? nil : EventTiming(byFoot: collected.mapValues { events in
                events.mapValues { Errors(errors: $0.errors, missed: $0.missed) }
            })
        }
    }

    /// One line for a terminal, e.g. `left IC -2.8 ms (RMS 5.5, 39/39) TO +13.2 ms (RMS 13.7, 39/39); right …`.
    public var summary: String {
        func describe(_ errors: Errors?) -> String {
            guard let errors, let bias = errors.biasMilliseconds, let rms = errors.rmsMilliseconds else { return "none matched" }
            return String(format: "%+.1f ms (RMS %.1f, %d/%d)", bias, rms, errors.matched, errors.matched + errors.missed)
        }
        return "  contacts timed by the model's phases (bias, RMS, found): " + byFoot.keys.sorted().map { foot in
            "\(foot) IC \(describe(byFoot[foot]?["initialContact"])) TO \(describe(byFoot[foot]?["toeOff"]))"
        }.joined(separator: "; ")
    }
}
