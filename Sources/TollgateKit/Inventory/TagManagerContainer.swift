/// A tag-manager configuration imported from the tool's own export (a Google Tag Manager
/// container version): what the website really fires, as opposed to what was declared.
///
/// A container is tied to the declarations by its public id (`GTM-XXXX`): a web property lists
/// it in `tag_manager_containers`, and a system of type `tag_manager` may list it in `tag_ids`.
/// Tags are tied to declared systems by the ids they carry (`tag_ids` on the system), by a
/// web-property tag placement with the same name, or by vendor name (see `TagSystemResolver`).
public struct TagManagerContainer: Sendable {
    /// `GTM-XXXX`, when the export names it.
    public let publicID: String?
    public let name: String?
    public let containerVersionID: String?
    /// `2` for current exports; absent in API `versions.get` responses.
    public let exportFormatVersion: Int?
    public let tags: [TagManagerTag]
    public let triggers: [TagManagerTrigger]
    public let variables: [TagManagerVariable]
    public let templates: [TagManagerTemplate]
    public let origin: Origin

    public init(
        publicID: String?, name: String?, containerVersionID: String?, exportFormatVersion: Int?,
        tags: [TagManagerTag], triggers: [TagManagerTrigger], variables: [TagManagerVariable],
        templates: [TagManagerTemplate], origin: Origin
    ) {
        self.publicID = publicID
        self.name = name
        self.containerVersionID = containerVersionID
        self.exportFormatVersion = exportFormatVersion
        self.tags = tags
        self.triggers = triggers
        self.variables = variables
        self.templates = templates
        self.origin = origin
    }

    /// The name used in subjects: the public id, else the container name, else the file.
    public var displayID: String { publicID ?? name ?? origin.file }

    /// The subject id of one of its tags: `GTM-XXXX/Tag name`.
    public func subjectID(_ tag: TagManagerTag) -> String { displayID + "/" + tag.name }
}
