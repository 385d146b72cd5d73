package io.dmflow.api.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A device dmflow has seen register, with what its last registration said. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String endpoint;

    @Column(name = "registration_id")
    public String registrationId;

    @Column(name = "lwm2m_version")
    public String lwm2mVersion;

    public String binding;

    @Column(name = "queue_mode", nullable = false)
    public boolean queueMode;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "supported_objects", nullable = false)
    public Map<Integer, String> supportedObjects = new TreeMap<>();

    public String address;

    @Column(name = "lifetime_seconds")
    public Long lifetimeSeconds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeviceState state;

    @Column(name = "first_registered_at", nullable = false)
    public Instant firstRegisteredAt;

    @Column(name = "last_registered_at", nullable = false)
    public Instant lastRegisteredAt;

    @Column(name = "last_updated_at")
    public Instant lastUpdatedAt;

    @Column(name = "last_contact_at", nullable = false)
    public Instant lastContactAt;

    @Column(name = "registration_expires_at")
    public Instant registrationExpiresAt;

    public static Device findByEndpoint(String endpoint) {
        return find("endpoint", endpoint).firstResult();
    }
}
