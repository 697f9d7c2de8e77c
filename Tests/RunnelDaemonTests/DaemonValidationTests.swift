import Foundation
import RunnelCore
import RunnelEngine
import RunnelGit
import Testing
@testable import RunnelDaemon

/// One validation path: what the API's validate says is what a write and a push give, cross-file
/// checks and dependents included.
@Suite struct DaemonValidationTests {
    static let child = "name: Child\ninputs:\n  who: {type: string, required: true}\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
    static let parent = "name: Parent\nsteps:\n  - {id: call, type: workflow, config: {workflow: child, inputs: {who: Ada}}}\n"
    static let chain = "name: Chain\non:\n  workflow:\n    - {completed: child}\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"

    @Test func validateSaysWhatCreateSays() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        try setup.repo.commit("child", ["workflows/child.yaml": Self.child])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        let ghost = "name: P\nsteps:\n  - {id: call, type: workflow, config: {workflow: ghost}}\n"
        let undeclared = "name: P\nsteps:\n  - {id: call, type: workflow, config: {workflow: child, inputs: {who: a, age: 3}}}\n"
        for yaml in [ghost, undeclared] {
            let check = await daemon.writer.check(writing: yaml, as: "p")
            #expect(!check.isValid)
            #expect(check.diagnostics.contains { $0.rule == "workflow-reference" })
            do {
                _ = try await daemon.writer.writeWorkflow(id: "p", yaml: yaml, create: true, message: "p", author: "t", base: nil)
                Issue.record("create accepted what validate refuses")
            } catch {
                #expect(error.kind == .invalid)
                #expect(error.diagnostics == check.diagnostics.filter { $0.severity == .error }.map(\.description))
            }
        }
        #expect(await daemon.writer.check(writing: Self.parent, as: "parent").isValid)
    }

    @Test func changesThatBreakDependentsAreRefusedAndAPushShowsTheirErrors() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        try setup.repo.commit("all", ["workflows/child.yaml": Self.child, "workflows/parent.yaml": Self.parent, "workflows/chain.yaml": Self.chain])
        let daemon = try setup.daemon()
        _ = try await daemon.start()
        do {
            _ = try await daemon.writer.deleteWorkflow(id: "child", message: "rm", author: "t", base: nil)
            Issue.record("a delete that breaks dependents was accepted")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.description == "deleting 'child' breaks the workflows that depend on it: chain, parent")
            #expect(error.diagnostics.contains { $0.hasPrefix("workflows/parent.yaml:3:") && $0.contains("[workflow-reference]") })
        }
        // An update that drops the input the parent passes.
        let narrower = "name: Child\nsteps:\n  - {id: a, type: wait, config: {duration: 1s}}\n"
        await #expect(throws: WriteError.self) {
            _ = try await daemon.writer.writeWorkflow(id: "child", yaml: narrower, create: false, message: "m", author: "t", base: nil)
        }
        #expect(await daemon.writer.check(writing: narrower, as: "child").brokenIDs == ["parent"])
        #expect(daemon.workflows["child"]?.errors.isEmpty == true)

        // A push that deletes it anyway: the dependents show the error.
        try setup.repo.commit("rm", remove: ["workflows/child.yaml"])
        let report = try #require(try await daemon.reconciler.reconcile())
        #expect(report.deleted == ["child"])
        #expect(report.keptPrevious.sorted() == ["chain", "parent"])
        #expect(daemon.workflows["parent"]?.errors.first?.rule == "workflow-reference")
        #expect(daemon.workflows["chain"]?.errors.first?.rule == "workflow-reference")
        // Restored: the errors go.
        try setup.repo.commit("back", ["workflows/child.yaml": Self.child])
        let restored = try #require(try await daemon.reconciler.reconcile())
        #expect(restored.activated.sorted() == ["chain", "child", "parent"])
        #expect(daemon.workflows["parent"]?.errors.isEmpty == true)
    }

    @Test func hiddenNamesAndDuplicateIDsAreErrorsAndNeitherDuplicateIsActivated() async throws {
        let setup = try DaemonTests.setup()
        defer { setup.remove() }
        let greet = DaemonTests.scripted("Greet", echo: "hi")
        try setup.repo.commit("odd", ["workflows/.hidden.yaml": greet, "workflows/x.yaml": greet, "workflows/x.yml": greet,
                                      "workflows/ok.yaml": greet, "workflows/.drafts/wip.yaml": greet])
        let daemon = try setup.daemon()
        let report = try await daemon.start()
        #expect(report.activated == ["ok"])
        #expect(daemon.workflows[".hidden"]?.state == "invalid")
        #expect(daemon.workflows[".hidden"]?.errors.isEmpty == false)
        // A hidden folder too (as `runnel validate` and `runnel check` report it: WorkflowFileRuleTests).
        #expect(daemon.workflows[".drafts/wip"]?.state == "invalid")
        #expect(daemon.workflows[".drafts/wip"]?.errors.first?.message.contains("segment starting with '.'") == true)
        #expect(daemon.workflows["x"]?.state == "invalid")
        #expect(daemon.workflows["x"]?.errors.first?.rule == "duplicate-workflow-id")
        // Removing one of the two activates the other.
        try setup.repo.commit("dedupe", remove: ["workflows/x.yml"])
        _ = try await daemon.reconciler.reconcile()
        #expect(daemon.workflows["x"]?.state == "active")
        #expect(daemon.workflows["x"]?.path == "workflows/x.yaml")
    }
}
