/// Which running-trial marker carries each of a segment's cluster markers, checked against the
/// static trial.
///
/// Skin markers on one rigid segment keep their distances to each other, so a marker whose label
/// was swapped in a running trial shows up as distances that match the static trial's only under
/// another assignment. Fukuchi 2017's RBDS001 runT25 has the right foot's MT1 and MT5 exchanged:
/// as labelled, the five foot markers' ten distances differ from the static trial's by 18.5 mm RMS
/// (heel-lateral to "MT1" 171 mm running against 209 mm standing); with the two swapped, by 1.4 mm,
/// as much as the correctly labelled left foot (1.4 mm). Fitting the static cluster to swapped
/// markers twists the segment, and the anatomical points it carries (the foot index) with it.
struct MarkerAssignment {
    /// The segment's cluster markers, in its order.
    let cluster: [String]
    /// For each cluster marker, the running trial's marker that carries it.
    let sources: [String]
    /// RMS difference between the static and the running pairwise distances, mm: as labelled, and
    /// with `sources`.
    let labelledMismatchMillimetres: Double
    let assignedMismatchMillimetres: Double

    /// Soft tissue moves a cluster's markers by a few millimetres (0.2-2.1 mm RMS on the trial's
    /// correctly labelled clusters); a swap between markers centimetres apart changes a distance
    /// by centimetres. Labels are changed only when they are that far off and another assignment
    /// is at least four times closer.
    static let relabelAboveMillimetres = 5.0
    static let requiredImprovement = 4.0

    /// The markers given another label, as (label in the trial, marker it carries).
    var relabelled: [(trialLabel: String, carries: String)] {
        zip(sources, cluster).compactMap { source, own in source == own ? nil : (source, own) }
    }

    /// Compares every assignment of the trial's markers to the cluster (all permutations; clusters
    /// have 4-6 markers) by the RMS difference of their pairwise distances, static mean positions
    /// against the running trial's median distance over the frames where both markers were seen.
    init(cluster: [String], reference: [Point3], trial: MarkerTrajectories) throws {
        precondition(cluster.count == reference.count, "one reference position per cluster marker")
        let tracks = try cluster.map { try trial.trajectory($0) }
        let count = cluster.count
        var running = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        for a in 0..<count {
            for b in (a + 1)..<count {
                let distances = zip(tracks[a], tracks[b]).compactMap { p, q in p.flatMap { p in q.map { (p - $0).length } } }
                // A pair never seen together tells nothing: `mismatch` leaves it out.
                let median = distances.isEmpty ? Double.nan : distances.sorted()[distances.count / 2]
                running[a][b] = median
                running[b][a] = median
            }
        }
        func mismatch(_ assignment: [Int]) -> Double {
            var sum = 0.0, pairs = 0
            for a in 0..<count {
                for b in (a + 1)..<count where running[assignment[a]][assignment[b]].isFinite {
                    let difference = (reference[a] - reference[b]).length - running[assignment[a]][assignment[b]]
                    sum += difference * difference
                    pairs += 1
                }
            }
            return pairs == 0 ? 0 : (sum / Double(pairs)).squareRoot()
        }
        let identity = Array(0..<count)
        let labelled = mismatch(identity)
        let (best, assigned) = Self.permutations(of: identity).map { ($0, mismatch($0)) }.min { $0.1 < $1.1 } ?? (identity, labelled)
        let relabel = labelled > Self.relabelAboveMillimetres && assigned * Self.requiredImprovement <= labelled
        self.cluster = cluster
        sources = (relabel ? best : identity).map { cluster[$0] }
        labelledMismatchMillimetres = labelled
        assignedMismatchMillimetres = relabel ? assigned : labelled
    }

    /// Every ordering of `items` (n! of them).
    static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[Int]] in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(of: rest).map { [first] + $0 }
        }
    }

    /// What was relabelled and why, for the conversion's notes; `nil` when nothing was.
    var remark: String? {
        guard !relabelled.isEmpty else { return nil }
        let swaps = relabelled.map { "\($0.trialLabel) used as \($0.carries)" }.joined(separator: ", ")
        return "marker labels corrected against the static trial: \(swaps) (pairwise distances differ from the static trial's by "
            + String(format: "%.1f mm RMS as labelled, %.1f mm as corrected)", labelledMismatchMillimetres, assignedMismatchMillimetres)
    }
}
