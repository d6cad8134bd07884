extension Asset {
    /// The asset an SBOM component stands for: a script (or SDK) shipped to visitors, with the
    /// component's licence, located in the SBOM file.
    public init(_ component: SBOMComponent, format: SBOMFormat, file: String) {
        var fields: [(key: String, mark: Mark)] = [("id", component.mark), ("name", component.mark)]
        if let licenceMark = component.licenceMark { fields.append(("licence", licenceMark)) }
        id = component.assetID
        kind = component.kind
        name = component.name
        vendor = component.supplier
        version = component.version
        licence = component.licence
        licenceType = .openSource
        licenceURL = nil
        purchaseReference = nil
        licensee = nil
        editorialOnly = false
        depictsPeople = nil
        depictsProperty = nil
        modelRelease = nil
        propertyRelease = nil
        territories = []
        validFrom = nil
        expires = nil
        maxCopies = nil
        maxProductionBudget = nil
        licensedDomains = []
        licensedPageviewsMonth = nil
        platformsAllowed = []
        paidMediaAllowed = nil
        usedIn = []
        delivery = nil
        sourceOfferURL = component.sourceURL
        noticesPreserved = nil
        reservedFontName = nil
        modified = nil
        soldSeparately = nil
        system = nil
        packageURL = component.packageURL
        importedFrom = format
        origin = Origin(file: file, pointer: component.pointer, mark: component.mark, fields: fields)
    }
}
