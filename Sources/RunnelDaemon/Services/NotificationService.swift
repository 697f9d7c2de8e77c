import Foundation
import Logging
import RunnelCore
import RunnelEngine
public import ServiceLifecycle

/// Delivers what the daemon tells people: run lifecycle events to the `notify:` URLs of
/// `runnel.yaml`, `draft.generated`, and approval mail. Everything goes through one stream
/// that ``run()`` consumes, each delivery (with its retries) a child task; on graceful
/// shutdown the stream ends and the deliveries under way are drained. A delivery given up,
/// or one asked for after the shutdown began, is logged.
public final class NotificationService: Service, Sendable {
    enum Item: Sendable {
        case post(Notifier, Notifier.Delivery)
        case mail(ApprovalMailer, MailMessage)
    }

    private let items: AsyncStream<Item>
    private let continuation: AsyncStream<Item>.Continuation
    let snapshots: SnapshotPublisher
    let secrets: any SecretStore
    let logger: Logger
    /// The backoff between attempts (1 s, 2 s, 4 s; shorter in tests).
    let backoff: [Duration]

    init(snapshots: SnapshotPublisher, secrets: any SecretStore, logger: Logger,
         backoff: [Duration] = [.seconds(1), .seconds(2), .seconds(4)]) {
        (items, continuation) = AsyncStream.makeStream(of: Item.self)
        self.snapshots = snapshots
        self.secrets = secrets
        self.logger = logger
        self.backoff = backoff
    }

    /// Delivers until the graceful shutdown, then drains what is under way.
    public func run() async {
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                for await item in items {
                    group.addTask { await self.deliver(item) }
                }
            } onGracefulShutdown: { [continuation] in
                continuation.finish()
            }
        }
    }

    /// The notifier of the settings in force.
    var notifier: Notifier { Notifier(targets: snapshots.current.settings.notify, secrets: secrets, backoff: backoff) }

    /// The mailer of the settings in force (nil without `smtp:`).
    var mailer: ApprovalMailer? {
        snapshots.current.settings.smtp.map { ApprovalMailer(smtp: $0, secrets: secrets, backoff: backoff) }
    }

    /// Whether anything would be sent (notify targets or mail).
    var isConfigured: Bool {
        let settings = snapshots.current.settings
        return !settings.notify.isEmpty || settings.smtp != nil
    }

    /// Posts `type` for `record` to the targets that want it.
    func notify(_ type: String, _ record: RunRecord, approval: JSONValue? = nil) {
        let notifier = notifier
        for delivery in notifier.deliveries(type, record, approval: approval) { enqueue(.post(notifier, delivery)) }
    }

    /// Posts `body` as event `type` to the targets that want it.
    func notify(_ type: String, body: JSONValue) {
        let notifier = notifier
        for delivery in notifier.deliveries(type, body: body) { enqueue(.post(notifier, delivery)) }
    }

    /// Mails `messages` (made by the mailer of the settings in force).
    func mail(_ make: (ApprovalMailer) -> [MailMessage]) {
        guard let mailer else { return }
        for message in make(mailer) { enqueue(.mail(mailer, message)) }
    }

    private func enqueue(_ item: Item) {
        if case .terminated = continuation.yield(item) {
            logger.problem("a notification was not sent: the daemon is stopping")
        }
    }

    private func deliver(_ item: Item) async {
        let failure: String?
        switch item {
        case .post(let notifier, let delivery): failure = await notifier.deliver(delivery)
        case .mail(let mailer, let message): failure = await mailer.deliver(message)
        }
        if let failure { logger.problem(failure) }
    }
}
