import ArgumentParser
import Foundation
import GaitCore

/// `runcoach`: running-gait analysis from the command line. Every subcommand is a thin wrapper over
/// the library API.
///
/// Exit codes (documented in the README): 0 success; 1 the input cannot be analysed (the message
/// says why and what to change); 2 the command line is wrong.
@main
struct Runcoach: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "runcoach",
        abstract: "Running-gait analysis: gait events, phases, metrics, form score and confidence.",
        version: version,
        subcommands: [
            AnalyzeCommand.self,
            SimulateCommand.self,
            ReportCommand.self,
            BenchCommand.self,
            ConvertCommand.self,
            CompareCommand.self,
            ValidateCommand.self,
            ModelsCommand.self,
            PoseCommand.self,
            TrainCommand.self,
            EvaluateCommand.self,
            CalibrateCommand.self,
            AverageCommand.self,
            ExportCommand.self,
            QuantizeCommand.self,
            DatasetCommand.self,
            PipelineCommand.self,
        ]
    )

    /// Runs the command line, turning every error into a message on stderr and the documented exit
    /// code, never a stack trace.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch let error as CLIExit {
            FileHandle.standardError.write(Data("runcoach: \(error.message)\n".utf8))
            Foundation.exit(error.code)
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data("runcoach: \(error.description)\n".utf8))
            Foundation.exit(error.isUsageError ? CLIExit.usage : CLIExit.analysisImpossible)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure ? CLIExit.usage : code.rawValue)
        }
    }
}

/// An exit with a message and one of the documented exit codes.
struct CLIExit: Error {
    /// The input cannot be analysed.
    static let analysisImpossible: Int32 = 1
    /// The command line is wrong.
    static let usage: Int32 = 2

    var message: String
    var code: Int32

    static func usage(_ message: String) -> CLIExit { CLIExit(message: message, code: usage) }
    static func impossible(_ message: String) -> CLIExit { CLIExit(message: message, code: analysisImpossible) }
}
