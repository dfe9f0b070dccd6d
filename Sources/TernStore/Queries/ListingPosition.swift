/// Where a listing stands in a query's result; see ``Catalogue/position(of:matching:today:)``.
public enum ListingPosition: Sendable, Equatable {
    case at(Int)
    case absent
    case unknown
}
