import GaitCore

/// Stratified, grouped k-fold assignment: every runner goes to exactly one fold (never the same
/// runner in two folds), and runners are dealt to folds stratum by stratum (pace, camera angle,
/// environment...) so each fold sees a similar mix.
public enum Folds {
    /// Fold index of each runner. `groups`: one (runner, strata) per sequence; a runner's stratum is
    /// the one of its first sequence.
    public static func assign(_ groups: [(runnerID: String, strata: [String: String])], folds: Int,
                              using generator: inout some RandomNumberGenerator) -> [String: Int] {
        precondition(folds >= 2, "at least two folds")
        var stratumOfRunner: [String: String] = [:]
        for group in groups where stratumOfRunner[group.runnerID] == nil {
            stratumOfRunner[group.runnerID] = group.strata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
        var runnersByStratum: [String: [String]] = [:]
        for (runner, stratum) in stratumOfRunner { runnersByStratum[stratum, default: []].append(runner) }
        var assignment: [String: Int] = [:]
        var next = 0  // continue dealing where the last stratum stopped, so fold sizes stay even
        for stratum in runnersByStratum.keys.sorted() {
            var runners = runnersByStratum[stratum]!.sorted()
            runners.shuffle(using: &generator)
            for runner in runners {
                assignment[runner] = next % folds
                next += 1
            }
        }
        return assignment
    }
}
