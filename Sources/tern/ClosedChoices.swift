import ArgumentParser
import TernCatalogue
import TernViewModels

// Options that take one of a closed set parse straight into the enum: ArgumentParser refuses any
// other value (UsageLine words it "--format takes csv or json") and lists the values in help.
extension ApplicationStatus: ExpressibleByArgument {}
extension Approval: ExpressibleByArgument {}
extension DeclineReason: ExpressibleByArgument {}
extension ExchangeFormat: ExpressibleByArgument {}
extension ExchangeSubject: ExpressibleByArgument {}
extension Field: ExpressibleByArgument {}
extension OpportunitySort: ExpressibleByArgument {}
extension PortfolioFormat: ExpressibleByArgument {}
