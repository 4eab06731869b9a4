extension FramePhase {
    /// The per-frame phase and stance side that a list of foot contacts implies, exactly as
    /// ARCHITECTURE.md defines them: within a stance [IC, TO) the first third is `contact`, the
    /// middle third `midStance`, the last third `toeOff`, and the side is the stance foot's; from a
    /// toe-off to the next initial contact (any foot) the phase is `swing` with side `none`.
    ///
    /// What the events cannot tell stays unknown: before the first initial contact and after the
    /// last toe-off, the phase is `nil` with side `none`; after an initial contact whose toe-off is
    /// unknown, the phase is `nil` with that foot as the side. Where two stances overlap (walking),
    /// the later initial contact wins.
    ///
    /// - Parameters:
    ///   - times: frame times in seconds, increasing.
    ///   - events: foot contacts in any order.
    /// - Returns: one `FramePhase` per time.
    public static func labels(times: [Double], events: [GaitEvent]) -> [FramePhase] {
        let contacts = events.sorted { $0.initialContact < $1.initialContact }
        var latest = -1  // index of the latest contact with initialContact <= t
        return times.map { t in
            while latest + 1 < contacts.count, contacts[latest + 1].initialContact <= t { latest += 1 }
            guard latest >= 0 else { return FramePhase(t: t, phase: nil, side: .none) }
            let contact = contacts[latest]
            guard let toeOff = contact.toeOff else {
                return FramePhase(t: t, phase: nil, side: StanceSide(contact.side))
            }
            if t < toeOff {
                let fraction = (t - contact.initialContact) / (toeOff - contact.initialContact)
                let phase: GaitPhase = fraction < 1.0 / 3.0 ? .contact : fraction < 2.0 / 3.0 ? .midStance : .toeOff
                return FramePhase(t: t, phase: phase, side: StanceSide(contact.side))
            }
            let anotherContactFollows = latest + 1 < contacts.count
            return FramePhase(t: t, phase: anotherContactFollows ? .swing : nil, side: .none)
        }
    }
}
