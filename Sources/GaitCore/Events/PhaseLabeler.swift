/// Turns a list of foot contacts into per-frame phase and stance-side labels, exactly as
/// ARCHITECTURE.md defines them.
///
/// A frame inside a contact [IC, TO) belongs to that contact's first, middle or last third
/// (`contact`, `midStance`, `toeOff`); a frame between one contact's toe-off and the next contact's
/// initial contact is `swing` (flight). Frames the events do not cover (before the first initial
/// contact, after a contact whose toe-off is unknown, or in a gap longer than `maxFlightSeconds`
/// where a contact was probably missed) get `phase == nil`. Where contacts overlap (walking's double
/// support) the most recent initial contact wins.
public enum PhaseLabeler {
    /// Labels each of `times` (seconds, increasing) from `events`.
    /// - Parameter maxFlightSeconds: the longest plausible flight; a longer gap is left unlabelled.
    public static func label(times: [Double], events: [GaitEvent], maxFlightSeconds: Double = 0.35) -> [FramePhase] {
        let contacts = events.sorted { $0.initialContact < $1.initialContact }
        var labels: [FramePhase] = []
        labels.reserveCapacity(times.count)
        var next = 0  // index of the first contact with initialContact > t
        for t in times {
            while next < contacts.count, contacts[next].initialContact <= t { next += 1 }
            labels.append(label(at: t, contacts: contacts, latestIndex: next - 1, maxFlightSeconds: maxFlightSeconds))
        }
        return labels
    }

    private static func label(at t: Double, contacts: [GaitEvent], latestIndex: Int, maxFlightSeconds: Double) -> FramePhase {
        guard latestIndex >= 0 else { return FramePhase(t: t, phase: nil, side: .none) }
        let latest = contacts[latestIndex]
        guard let toeOff = latest.toeOff else { return FramePhase(t: t, phase: nil, side: .none) }
        if t < toeOff {
            let fraction = (t - latest.initialContact) / (toeOff - latest.initialContact)
            let phase: GaitPhase = fraction < 1.0 / 3.0 ? .contact : (fraction < 2.0 / 3.0 ? .midStance : .toeOff)
            return FramePhase(t: t, phase: phase, side: StanceSide(latest.side))
        }
        // An earlier, longer contact may still be on the ground (double support when walking).
        var index = latestIndex - 1
        while index >= 0, latestIndex - index <= 2 {
            let earlier = contacts[index]
            if let earlierToeOff = earlier.toeOff, t < earlierToeOff {
                let fraction = (t - earlier.initialContact) / (earlierToeOff - earlier.initialContact)
                let phase: GaitPhase = fraction < 1.0 / 3.0 ? .contact : (fraction < 2.0 / 3.0 ? .midStance : .toeOff)
                return FramePhase(t: t, phase: phase, side: StanceSide(earlier.side))
            }
            index -= 1
        }
        let nextContact = latestIndex + 1 < contacts.count ? contacts[latestIndex + 1].initialContact : nil
        if let nextContact, nextContact - toeOff <= maxFlightSeconds {
            return FramePhase(t: t, phase: .swing, side: .none)
        }
        return FramePhase(t: t, phase: nil, side: .none)
    }
}
