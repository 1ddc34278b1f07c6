package org.majlis.auth;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code Authorization: Bearer <jwt>} on the upgrade request: a valid token logs the connection in
 * as it opens; an invalid one refuses the upgrade with 401.
 */
@ApplicationScoped
public class BearerCheck implements HttpUpgradeCheck {

    public static final TypedKey<Identity> IDENTITY = new TypedKey<>("majlis.bearer");
    private static final int UNAUTHORIZED = 401;

    private final TokenService tokens;

    public BearerCheck(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String authorization = context.httpRequest().getHeader("Authorization");
        if (authorization == null) {
            return CheckResult.permitUpgrade();
        }
        Identity identity = tokens.verifyBearer(authorization);
        if (identity == null) {
            return CheckResult.rejectUpgrade(UNAUTHORIZED);
        }
        context.userData().put(IDENTITY, identity);
        return CheckResult.permitUpgrade();
    }
}
