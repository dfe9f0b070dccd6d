/// A form on the modal stack, with the form as it opened: closing one that changed since would
/// lose what was typed, so the host asks first.
///
/// ```swift
/// host.open(.form(FormModal(FormBuilder.deliver(title: title), purpose: .deliver(id))))
/// ```
public struct FormModal<Purpose> {
    public var form: Form
    public let initial: Form
    /// What sending it does; a refusal may move it on to the record as it is now.
    public var purpose: Purpose

    public init(_ form: Form, purpose: Purpose) {
        self.form = form
        initial = form
        self.purpose = purpose
    }

    public var isDirty: Bool { form.differs(from: initial) }
}

/// A yes/no question. "No" is chosen first, so a stray enter never does what cannot be undone.
///
/// ```swift
/// Confirmation(title: "Withdraw your application?", message: "This cannot be undone.", answer: .screen(.withdraw(id)))
/// ```
public struct Confirmation<Purpose> {
    /// What "yes" means: the screen's purpose, or one of the host's own questions about a form.
    public enum Answer {
        case screen(Purpose)
        /// Close the form beneath, losing what was typed.
        case discardForm
        /// Quit the program, losing what was typed in the form beneath.
        case quitDiscarding
    }

    public var title: String
    public var message: String
    public var buttons: [String]
    /// 0 is yes, 1 is no.
    public var selected = 1
    public let answer: Answer

    public init(title: String, message: String, yes: String = "Yes", no: String = "No", answer: Answer) {
        self.title = title
        self.message = message
        buttons = [yes, no]
        self.answer = answer
    }
}

/// A list over the panes (saved searches): rows held in memory, keys from `scope` first.
///
/// ```swift
/// ListOverlay(title: "Saved searches (2)", columns: columns, rows: rows, scope: .savedSearches, purpose: .savedSearches(ids))
/// ```
public struct ListOverlay<Purpose> {
    public var title: String
    public var columns: [ListColumn]
    public var rows: [[String]]
    public var state: ListState
    public var emptyMessage: String
    public let scope: KeyScope
    public var purpose: Purpose

    public init(title: String, columns: [ListColumn], rows: [[String]], emptyMessage: String = "nothing here",
                scope: KeyScope, purpose: Purpose, selected: Int = 0) {
        self.title = title
        self.columns = columns
        self.rows = rows
        state = ListState(count: rows.count)
        self.emptyMessage = emptyMessage
        self.scope = scope
        self.purpose = purpose
        state.select(selected, visibleRows: max(1, rows.count))
    }
}

/// Scrolling text over the panes (the profile, the command list); keys from `scope` first.
///
/// ```swift
/// TextOverlay(title: "Profile and portfolio", blocks: blocks, scope: .profile, purpose: .profile)
/// ```
public struct TextOverlay<Purpose> {
    public var title: String
    public var blocks: [TextBlock]
    public var scroll = 0
    public let scope: KeyScope
    public var purpose: Purpose

    public init(title: String, blocks: [TextBlock], scope: KeyScope = .global, purpose: Purpose) {
        self.title = title
        self.blocks = blocks
        self.scope = scope
        self.purpose = purpose
    }
}

/// The `?` overlay's content: sections generated from the screen's key map.
public struct HelpModal: Sendable, Equatable {
    public var sections: [HelpSection]
    public var scroll = 0

    public init(sections: [HelpSection]) {
        self.sections = sections
    }
}

/// What can sit on top of the panes; the top of the ``ModalHost``'s stack takes every key.
public enum Modal<Purpose> {
    case form(FormModal<Purpose>)
    case confirm(Confirmation<Purpose>)
    case list(ListOverlay<Purpose>)
    case text(TextOverlay<Purpose>)
    case help(HelpModal)
}

/// What a key in a modal came to, for the screen to act on.
public enum ModalResult<Purpose, Action> {
    /// Nothing for the screen to do (the host moved, scrolled, closed or ignored).
    case handled
    /// The form was sent; it stays open until the screen ``ModalHost/closeForm()``s it or
    /// ``ModalHost/refuseForm(_:)``s it with the reason.
    case submitted(Form, Purpose)
    /// "Yes" to the screen's question (the confirmation is closed).
    case confirmed(Purpose)
    /// Enter on a list overlay's row.
    case chosen(index: Int, Purpose)
    /// One of the screen's own keys in an overlay (`d` in saved searches).
    case action(Action, Purpose)
    /// Quit the program.
    case quit
}
