/// Running or walking, from how consecutive contacts of the two feet overlap.
///
/// Running alternates single-foot contacts with flight (the next foot lands after the previous
/// one left); walking overlaps them (double support). A clip is walking when most consecutive
/// left/right pairs overlap by more than 20 ms.
enum ActivityClassifier {
    static func classify(_ contacts: [GaitEvent]) -> (activity: Activity, doubleSupportShare: Double) {
        var pairs = 0, overlapping = 0
        for (a, b) in zip(contacts, contacts.dropFirst()) where a.side != b.side {
            guard let toeOff = a.toeOff else { continue }
            pairs += 1
            if toeOff - b.initialContact > 0.02 { overlapping += 1 }
        }
        guard pairs >= 2 else { return (.unknown, 0) }
        let share = Double(overlapping) / Double(pairs)
        return (share >= 0.5 ? .walking : .running, share)
    }
}
