extension ProfileSummary {
    /// The summary as aligned text tables (stub: filled in next).
    public func table() -> String { "" }
}
