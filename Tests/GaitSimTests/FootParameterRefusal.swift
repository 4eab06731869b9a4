import Testing
@testable import GaitSim

/// Expects `value` to be refused with `message`, set for the runner (`both`) and, prefixed with
/// "right foot: ", for the right foot alone (`right`).
func expectRefusedForEitherFoot(
    _ value: Double, both: WritableKeyPath<SimulationParameters, Double>,
    right: WritableKeyPath<SimulationParameters.FootOverrides, Double?>, message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var runner = SimulationParameters()
    runner[keyPath: both] = value
    #expect(throws: SimulationError.invalidParameter(message), sourceLocation: sourceLocation) { try runner.validate() }
    var rightOnly = SimulationParameters()
    rightOnly.rightFoot[keyPath: right] = value
    #expect(throws: SimulationError.invalidParameter("right foot: " + message), sourceLocation: sourceLocation) {
        try rightOnly.validate()
    }
}
