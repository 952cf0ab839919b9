import ArgumentParser
import BanTinKit
import BanTinServe
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: Terminal.bilingual("help.serve"))

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "Address to listen on (127.0.0.1: this computer only; 0.0.0.0: the whole network).")
    var host = "127.0.0.1"

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print the time each stage of each build took.")
    var timings = false

    func run() async throws {
        var options = DevServer.Options(build: project.build(defaultOutput: ".bantin/serve"))
        options.host = host
        options.port = port
        options.timings = timings
        options.language = project.language()
        try project.requireSite("serve")
        options.log = { line in
            FileHandle.standardError.write(Data(("[\(Self.clock())] " + line + "\n").utf8))
        }
        Self.stopOnInterrupt()
        let host = self.host
        do {
            try await DevServer(options: options).run { port in
                FileHandle.standardError.write(Data((Terminal.say(Message("serve.listening", ["url": "http://\(host):\(port)/"])) + "\n").utf8))
            }
        } catch let busy as DevServer.PortBusy {
            Terminal.error(Terminal.say(busy.message))
            throw ExitCode.failure
        }
    }

    /// Ctrl-C ends at once: open event streams never finish, so a graceful shutdown would wait for ever.
    static func stopOnInterrupt() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { Foundation.exit(0) }
            source.resume()
            sources.append(source)
        }
    }

    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    private static func clock() -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: Date())
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
