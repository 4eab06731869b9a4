import GaitCore

/// The exact timing of every foot contact of a simulated run: the ground truth the kinematics
/// are built around.
struct ContactSchedule: Sendable {
    /// Contacts in time order, alternating sides, starting before the clip so that every frame is
    /// covered.
    let contacts: [GaitEvent]

    /// Builds the schedule from `start` to `end` seconds (the clip is [0, duration]).
    init(parameters p: SimulationParameters, start: Double, end: Double, using generator: inout some RandomNumberGenerator) {
        var contacts: [GaitEvent] = []
        var time = start
        // Start on a random side so left and right both lead in half the runs.
        var side: BodySide = Bool.random(using: &generator) ? .left : .right
        while time < end {
            let sideFactor = side == .left ? 1 + p.asymmetryPercent / 200 : 1 - p.asymmetryPercent / 200
            let jitter = 1 + p.stepTimeVariability * max(-2.5, min(2.5, generator.nextGaussian()))
            let contactTime = p.contactTimeSeconds * sideFactor * jitter
            contacts.append(GaitEvent(side: side, initialContact: time, toeOff: time + contactTime, confidence: 1))
            let stepJitter = 1 + p.stepTimeVariability * max(-2.5, min(2.5, generator.nextGaussian()))
            // Asymmetric contacts leave the step time alone (cadence is shared); the flight after
            // a long contact is shorter.
            time += p.stepTimeSeconds * stepJitter
            side = side.opposite
        }
        self.contacts = contacts
    }

    /// The contacts of one side, in time order.
    func contacts(of side: BodySide) -> [GaitEvent] { contacts.filter { $0.side == side } }
}
