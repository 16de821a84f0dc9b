package com.alliance.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.errors.ConflictException;
import com.alliance.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration REVIEW = Duration.ofDays(3);
    private static final Duration WAIT = Duration.ofDays(30);

    private final Application pending = Application.opened("p_tea", "b_leaf", "h_alice", "  I sell tea live nightly  ",
            T0, REVIEW);

    @Test
    void aNewApplicationIsPendingUntilItsReviewDeadlineWithItsMessageTrimmed() {
        assertThat(pending.applicationId()).startsWith("app_");
        assertThat(pending.status()).isEqualTo(ApplicationStatus.PENDING);
        assertThat(pending.message()).isEqualTo("I sell tea live nightly");
        assertThat(pending.reviewDeadline()).isEqualTo(T0.plus(REVIEW));
        assertThat(pending.decidedAt()).isEmpty();
        assertThat(pending.reapplyAfter()).isEmpty();
    }

    @Test
    void aMessageIsOneToFiveHundredCharactersOnceTrimmed() {
        assertThat(Application.checkMessage("x".repeat(500) + "   ")).hasSize(500);
        for (String bad : new String[] {null, "", "   \n ", "x".repeat(501)}) {
            assertThatThrownBy(() -> Application.opened("p_tea", "b_leaf", "h_alice", bad, T0, REVIEW))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).contains("message"));
        }
    }

    @Test
    void aRejectionSaysWhyAndLetsTheHostApplyAgainAfterTheWait() {
        Instant at = T0.plus(Duration.ofHours(5));
        Application rejected = pending.rejected(" not your audience ", at, WAIT);
        assertThat(rejected.status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(rejected.reason()).contains("not your audience");
        assertThat(rejected.decidedAt()).contains(at);
        assertThat(rejected.reapplyAfter()).contains(at.plus(WAIT));
        assertThatThrownBy(() -> pending.rejected("x".repeat(301), at, WAIT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).contains("reason"));
        assertThatThrownBy(() -> pending.rejected(" ", at, WAIT)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anExpiryLetsTheHostApplyAgainAtOnceButNotBeforeTheDeadline() {
        assertThat(pending.isDue(T0.plus(REVIEW).minusMillis(1))).isFalse();
        assertThatThrownBy(() -> pending.expired(T0.plus(REVIEW).minusMillis(1))).isInstanceOf(IllegalStateException.class);
        Instant at = T0.plus(REVIEW);
        Application expired = pending.expired(at);
        assertThat(expired.status()).isEqualTo(ApplicationStatus.EXPIRED);
        assertThat(expired.reapplyAfter()).contains(at);
        assertThat(expired.isDue(at.plusSeconds(60))).isFalse();
    }

    @Test
    void aDecidedApplicationIsNotDecidedAgain() {
        Application approved = pending.approved(3_000, T0.plusSeconds(60));
        assertThat(approved.rateBps()).contains(3_000);
        assertThatThrownBy(() -> approved.rejected("changed my mind", T0.plusSeconds(120), WAIT))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("ALREADY_DECIDED"));
        assertThatThrownBy(() -> approved.approved(2_000, T0.plusSeconds(120)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("ALREADY_DECIDED"));
    }

    @Test
    void aGuardRefusesWhileOpenAndWithinTheWaitAndLetsThroughAfterIt() {
        Instant now = T0;
        assertThat(new ApplyGuard("app_1", ApplicationStatus.PENDING, Optional.empty()).refusalAt(now))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("APPLICATION_OPEN"));
        assertThat(new ApplyGuard("app_1", ApplicationStatus.APPROVED, Optional.empty()).refusalAt(now))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("ALREADY_TARGETED"));
        ApplyGuard rejected = new ApplyGuard("app_1", ApplicationStatus.REJECTED, Optional.of(now.plus(WAIT)));
        assertThat(rejected.refusalAt(now)).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("REAPPLY_TOO_SOON");
            assertThat(e.getMessage()).contains("2026-12-31T08:00:00Z");
        });
        assertThat(rejected.refusalAt(now.plus(WAIT))).isEmpty();
        assertThat(new ApplyGuard("app_1", ApplicationStatus.EXPIRED, Optional.of(now)).refusalAt(now)).isEmpty();
    }

    @Test
    void theReviewAndReapplyPeriodsComeFromTheEnvironmentInDays() {
        assertThat(ApplicationSettings.fromEnvironment(name -> null)).isEqualTo(ApplicationSettings.defaults());
        assertThat(ApplicationSettings.defaults().reviewPeriod()).isEqualTo(Duration.ofDays(3));
        assertThat(ApplicationSettings.defaults().reapplyWait()).isEqualTo(Duration.ofDays(30));
        ApplicationSettings set = ApplicationSettings.fromEnvironment(
                java.util.Map.of("APPLICATION_REVIEW_DAYS", "5", "REAPPLY_DAYS", " 7 ")::get);
        assertThat(set).isEqualTo(new ApplicationSettings(Duration.ofDays(5), Duration.ofDays(7)));
        assertThatThrownBy(() -> ApplicationSettings.fromEnvironment(java.util.Map.of("APPLICATION_REVIEW_DAYS", "0")::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
