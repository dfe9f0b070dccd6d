import Foundation
import TernCatalogue
import TernViewModels

/// Forms, confirmations, overlays and the `:` command line of the staff console.
extension TriageScreen {
    /// The `:` commands, for `:help` and the dispatcher alike.
    static let commands: [CommandSpec] = [
        CommandSpec("limit", aliases: ["l"], argument: "PATTERN", summary: "limit Applications (status:S field:F age>Nd organization:O student:U opportunity:REF words)"),
        CommandSpec("view", argument: "NAME | save NAME | delete NAME", summary: "apply, save or delete a saved view (a named limit)"),
        CommandSpec("sort", argument: "oldest|newest", summary: "order Applications by time waiting"),
        CommandSpec("undo", summary: "take back this session's last move"),
        CommandSpec("expire", summary: "close listings past their deadline now (also done hourly)"),
        CommandSpec("import", argument: "FILE", summary: "import listings, students or applications (CSV, or JSON by name), all or nothing"),
        CommandSpec("help", summary: "list these commands"),
        CommandSpec("quit", aliases: ["q"], summary: "leave the console"),
    ]

    func handleCommandKey(_ key: Key) throws -> [Effect<TriageOutcome>] {
        guard var prompt = state.commandPrompt else { return [] }
        switch prompt.handle(key, keyMap: state.keyMap) {
        case .editing:
            state.commandPrompt = prompt
            return []
        case .cancelled:
            state.commandPrompt = nil
            return []
        case .quit:
            return quit()
        case .run(let verb, let rest):
            state.commandPrompt = nil
            return try run(verb, rest)
        }
    }

    private func run(_ verb: String, _ rest: String) throws -> [Effect<TriageOutcome>] {
        guard let spec = Self.commands.first(where: { $0.matches(verb) }) else {
            return state.toasts.show("no command :\(verb) — :help lists them", isError: true)
        }
        switch spec.name {
        case "limit":
            _ = try TriageViewModel.filter(pattern: rest, words: triage.searchWords)
            return try switchQueue(to: .applications) + applyLimit(pattern: rest, words: triage.searchWords)
        case "view":
            let words = rest.split(separator: " ", maxSplits: 1).map(String.init)
            switch words.first {
            case nil:
                return try openViews()
            case "save"?:
                guard words.count == 2 else { return state.toasts.show(":view save NAME", isError: true) }
                try triage.saveView(words[1])
                return state.toasts.show("saved view “\(words[1])”: \(triage.pattern)")
            case "delete"?:
                guard words.count == 2 else { return state.toasts.show(":view delete NAME", isError: true) }
                try triage.deleteView(words[1])
                return state.toasts.show("deleted view “\(words[1])”")
            default:
                guard let view = try triage.views().first(where: { $0.name == rest }) else {
                    return state.toasts.show("no saved view “\(rest)” (V lists them)", isError: true)
                }
                return try apply(view)
            }
        case "sort":
            guard let order: TriageOrder = rest == "oldest" ? .oldestFirst : rest == "newest" ? .newestFirst : nil else {
                return state.toasts.show(":sort oldest or :sort newest", isError: true)
            }
            try triage.setOrder(order)
            try readQueue(reset: true)
            return []
        case "undo":
            let restored = try triage.undo()
            try readQueue(reset: false)
            state.canUndo = false
            return state.toasts.show("undone: \(restored.count) application\(restored.count == 1 ? "" : "s") back where they were")
        case "expire":
            // The hourly round closes listings for everyone; closing them on demand is an admin's.
            try catalogue.checkStanding(for: .expireListings)
            let effects = try closeExpired()
            return effects.isEmpty ? state.toasts.show("no listing is past its deadline") : effects
        case "import":
            return startImport(rest)
        case "help":
            state.modals.open(.text(TextOverlay(title: "Commands", blocks: CommandPrompt.helpBlocks(Self.commands), purpose: .commands)))
            return []
        default:
            return quit()
        }
    }

    private func apply(_ view: TriageView) throws -> [Effect<TriageOutcome>] {
        try switchQueue(to: .applications) + applyLimit(pattern: view.pattern, words: triage.searchWords)
    }

    // MARK: - Modals

    func handleModalKey(_ key: Key) throws -> [Effect<TriageOutcome>] {
        switch state.modals.handle(key, keyMap: state.keyMap, body: state.panes.body, screen: state.panes.screen) {
        case .handled:
            return []
        case .quit:
            return quit()
        case .submitted(let form, let purpose):
            do {
                return try submit(form, purpose)
            } catch CatalogueError.noLongerStaff(let login) {
                throw CatalogueError.noLongerStaff(login)
            } catch CatalogueError.reviewChanged(let conflict) {
                // Keeps what was typed, shows the posting as it is now behind the form, and aims
                // the form at it: sending again is a decision on what is there now.
                try review.reload()
                try readReview()
                state.modals.refuseForm("\(conflict.description) (send again to decide on it as it is now)",
                                        purpose: try lookedAgain(purpose))
                return []
            } catch {
                // The form stays open with what was typed, and says what to fix.
                state.modals.refuseForm("\(error)")
                return []
            }
        case .confirmed(let purpose):
            return try confirmed(purpose)
        case .chosen(let index, .views(let views)):
            guard views.indices.contains(index) else { return [] }
            state.modals.close()
            return try apply(views[index])
        case .action(.deleteView, .views(let views)):
            guard case .list(let overlay)? = state.modals.top, views.indices.contains(overlay.state.selected) else { return [] }
            let chosen = views[overlay.state.selected]
            state.modals.open(.confirm(Confirmation(title: "Delete saved view “\(chosen.name)”?", message: chosen.pattern,
                                                    yes: "Delete", no: "Keep", answer: .screen(.deleteView(chosen.name)))))
            return []
        case .chosen, .action:
            return []
        }
    }

    private func confirmed(_ purpose: TriagePurpose) throws -> [Effect<TriageOutcome>] {
        switch purpose {
        case .move(let move, let targets):
            return try perform(move, on: targets)
        case .approvePostings(let refs, let versions):
            do {
                try review.approve(refs, versions: versions)
            } catch CatalogueError.reviewChanged(let conflict) {
                try review.reload()
                try readReview()
                return state.toasts.show("nothing was approved: \(conflict.description)", isError: true)
            }
            try readReview()
            return state.toasts.show("approved \(refs.count) posting\(refs.count == 1 ? "" : "s"): students see them now")
        case .closeListing(let ref, let version):
            let summary = try catalogue.closeListing(ref: ref, expectedVersion: version, by: session.actor, now: now())
            try reloadAll()
            return state.toasts.show("closed \(ref); \(summary.applicationsExpired) waiting application\(summary.applicationsExpired == 1 ? "" : "s") expired")
        case .archiveListing(let ref, let version):
            try catalogue.archiveListing(ref: ref, expectedVersion: version, by: session.actor, now: now())
            try reloadAll()
            return state.toasts.show("archived \(ref)")
        case .trustOrganization(let name, let version):
            do {
                try review.trustOrganization(name, version: version)
            } catch CatalogueError.reviewChanged(let conflict) {
                try review.reload()
                try readReview()
                return state.toasts.show("\(name) was not trusted: \(conflict.description)", isError: true)
            }
            try readReview()
            return state.toasts.show("\(name) is trusted: its later listings are approved on arrival")
        case .deleteView(let name):
            try triage.deleteView(name)
            if case .list(let overlay)? = state.modals.top {
                state.modals.replaceTop(.list(viewsOverlay(try triage.views(), selected: overlay.state.selected)))
            }
            return state.toasts.show("deleted view “\(name)”")
        default:
            return []
        }
    }

    private func submit(_ form: Form, _ purpose: TriagePurpose) throws -> [Effect<TriageOutcome>] {
        switch purpose {
        case .reject(let targets):
            let (reason, note) = try TriageForms.rejection(form)
            let action: TriageAction
            do {
                action = try triage.move(.reject, on: targets, reason: reason, note: note)
            } catch CatalogueError.changedSinceOpened(let id, let now) {
                // The note typed is kept: the form stays open, aimed at the applications as
                // they are now, so sending again is a decision on what is there now.
                try triage.reload()
                try readQueue(reset: false)
                let current = try targets.map { row in
                    var row = row
                    let application = try catalogue.application(row.id, as: session.actor)
                    (row.version, row.status) = (application.version, application.status)
                    return row
                }
                state.modals.refuseForm("application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); "
                                        + "nothing was moved (send again to reject as it is now)", purpose: .reject(targets: current))
                return []
            }
            state.modals.closeForm()
            return try moved(.reject, action)
        case .note(let id):
            let visibility = TriageForms.noteVisibility(form)
            try triage.addNote(form.field("Note").text, to: id, visibility: visibility)
            state.modals.closeForm()
            if let file = state.file, file.row.id == id { state.file = try triage.open(file.row) }
            return state.toasts.show(visibility == .staff ? "note saved (staff only: the student never sees it)" : "note saved and shared with the student")
        case .organizationDecision(let row, let moves):
            let (move, reason) = try TriageForms.decision(form, moves: moves)
            do {
                try catalogue.recordForOrganization(row.id, to: move.target, expectedVersion: row.version, session: session, reason: reason, now: now())
            } catch CatalogueError.changedSinceOpened(let id, let now) {
                state.modals.closeForm()
                try triage.reload()
                try readQueue(reset: false)
                return state.toasts.show("application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); nothing was recorded",
                                         isError: true)
            }
            state.modals.closeForm()
            try triage.reload()
            try readQueue(reset: false)
            return state.toasts.show("\(row.organization): \(move.label) recorded as the organization's decision, entered by you")
        case .organizationFeedback(let id):
            let rating = TriageForms.ratings[min(form.field("Rating").choice, TriageForms.ratings.count - 1)]
            try catalogue.recordOrganizationFeedback(id, rating: rating, strengths: TriageForms.optional(form.field("Strengths").text),
                                                     improvements: TriageForms.optional(form.field("To improve").text),
                                                     comment: TriageForms.optional(form.field("Comment").text), session: session, now: now())
            state.modals.closeForm()
            return state.toasts.show("the organization's feedback is recorded, under your name")
        case .listing(let ref, let version):
            let draft = try TriageForms.listingText(form).draft(ref: ref, homeCurrency: try catalogue.homeCurrency())
            let saved: Opportunity
            if let ref, let version {
                saved = try catalogue.updateListing(ref: ref, draft, expectedVersion: version, by: session.actor, now: now())
            } else {
                saved = try catalogue.createListing(draft, by: session.actor, now: now())
            }
            state.modals.closeForm()
            try reloadAll()
            // The new listing is selected, so the next key (e, a, x) acts on it.
            if try state.postings.jump(to: saved.ref, source: PostingRows(review.postings)) { try showSelection() }
            let approval = try catalogue.approval(ofListing: saved.id ?? 0)
            // Trust skips the review, never the flags: say why a trusted one still waits.
            let flags = approval == .approved ? [] : try catalogue.flags(forListing: saved.ref)
            let waits = "it waits for review in Postings" + (flags.isEmpty ? "" : " (flagged: \(flags.map(\.description).joined(separator: "; ")))")
            return state.toasts.show(ref == nil ? "created \(saved.ref): \(approval == .approved ? "approved on arrival (trusted organization)" : waits)"
                                     : "saved \(saved.ref)")
        case .declinePosting(let ref, let version):
            let reason = TriageForms.declineReason(form)
            let summary = try review.decline(ref, version: version, reason: reason, note: TriageForms.optional(form.field("Note").text))
            state.modals.closeForm()
            try readReview()
            try triage.reload()
            try readQueue(reset: false)
            return state.toasts.show("declined (\(reason.label)); students no longer see it" + TakeDownSummary.sentence(summary))
        case .resubmitPosting(let ref, let version):
            try review.resubmit(ref, version: version, note: TriageForms.optional(form.field("Note").text))
            state.modals.closeForm()
            try readReview()
            return state.toasts.show("resubmitted: it waits for review again")
        case .declineOrganization(let name, let version):
            let reason = TriageForms.declineReason(form)
            try review.declineOrganization(name, version: version, reason: reason, note: TriageForms.optional(form.field("Note").text))
            state.modals.closeForm()
            try readReview()
            return state.toasts.show("declined \(name) (\(reason.label))")
        case .move, .approvePostings, .trustOrganization, .views, .deleteView, .studentRecord, .commands, .closeListing, .archiveListing:
            return []
        }
    }

    /// A review form's purpose moved on to the record as it is now, after a conflict (it may
    /// have left the queue on screen: approved, say).
    private func lookedAgain(_ purpose: TriagePurpose) throws -> TriagePurpose {
        switch purpose {
        case .declinePosting(let ref, _):
            try catalogue.opportunity(ref: ref).map { .declinePosting(ref: ref, version: $0.version) } ?? purpose
        case .resubmitPosting(let ref, _):
            try catalogue.opportunity(ref: ref).map { .resubmitPosting(ref: ref, version: $0.version) } ?? purpose
        case .declineOrganization(let name, _):
            try catalogue.organizations().first { $0.name == name }.map { .declineOrganization(name: name, version: $0.version) } ?? purpose
        default:
            purpose
        }
    }
}
