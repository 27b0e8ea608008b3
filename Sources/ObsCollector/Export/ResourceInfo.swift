/// Facts about the observed program that every export carries.
public struct ResourceInfo: Sendable, Hashable, Codable {
    /// The OpenTelemetry `service.name`.
    public var serviceName: String
    /// ObsBridge's version.
    public var buildVersion: String
    /// The native ABI version in use, when a native bridge is the source.
    public var abiVersion: UInt32?

    /// Creates resource facts.
    public init(
        serviceName: String = "obsbridge", buildVersion: String = ObsBridgeVersion.current,
        abiVersion: UInt32? = nil
    ) {
        self.serviceName = serviceName
        self.buildVersion = buildVersion
        self.abiVersion = abiVersion
    }

    enum CodingKeys: String, CodingKey {
        case serviceName = "service_name", buildVersion = "build_version", abiVersion = "abi_version"
    }
}

/// ObsBridge's release version.
public enum ObsBridgeVersion {
    /// The version string, `MAJOR.MINOR.PATCH`.
    public static let current = "0.2.0"
}
