import Logging
public import ServiceLifecycle

extension DaemonServices {
    /// A `ServiceGroup` of ``services`` alone (no signals, no API): what the tests and the
    /// benchmarks run; `runnel serve` builds its own with the API last.
    public func serviceGroup() -> ServiceGroup {
        ServiceGroup(configuration: ServiceGroupConfiguration(services: services.map { .init(service: $0) }, logger: logger))
    }

    /// Runs ``serviceGroup()`` until the task is cancelled (a failure of the group is logged).
    public func runServices() async {
        do {
            try await serviceGroup().run()
        } catch is CancellationError {
            // Cancelled: the ordinary end.
        } catch {
            logger.problem("the daemon's services stopped: \(error)")
        }
    }
}
