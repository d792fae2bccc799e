//! Password resets, authenticators and recovery codes.

use chrono::Duration;
use sea_orm::{EntityTrait, QuerySelect};

use super::{Cast, on_both_databases, session, start};
use crate::StoreError;
use crate::entity::{password_resets, recovery_codes};

on_both_databases! {
    async fn a_reset_link_sets_the_password_once_within_its_hour_and_ends_every_session(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let person = cast.raiser.id;
        db.store.open_session(session(person, "browser", now)).await.unwrap();
        db.store.start_password_reset(person, "reset-one", now, now + Duration::hours(1)).await.unwrap();
        db.store.start_password_reset(person, "reset-two", now, now + Duration::hours(1)).await.unwrap();
        assert_eq!(db.store.password_reset_holder("reset-one", now).await.unwrap(), Some(person));
        assert_eq!(db.store.password_reset_holder("reset-one", now + Duration::hours(1)).await.unwrap(), None, "expired at the hour");
        assert!(matches!(db.store.finish_password_reset("reset-one", "h", now + Duration::hours(1)).await, Err(StoreError::NotFound)));
        let done = db.store.finish_password_reset("reset-one", "new-hash", now + Duration::minutes(59)).await.unwrap();
        assert_eq!(done, person);
        let email = db.store.person(person).await.unwrap().email;
        assert_eq!(db.store.credentials(&email).await.unwrap().unwrap().1, "new-hash");
        assert!(db.store.holder("browser", now, now - Duration::hours(1)).await.unwrap().is_none(), "sessions end");
        // Spent, and so is the other link.
        for link in ["reset-one", "reset-two"] {
            assert!(matches!(db.store.finish_password_reset(link, "again", now).await, Err(StoreError::NotFound)), "{link}");
        }
        let hashes: Vec<String> = password_resets::Entity::find().select_only().column(password_resets::Column::TokenHash).into_tuple().all(db.raw()).await.unwrap();
        assert!(hashes.iter().all(|h| h.len() == 64 && !h.contains("reset")));
    }

    async fn an_authenticator_confirmed_accepts_each_step_once_and_recovery_codes_once(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let person = cast.chair.id;
        assert!(db.store.second_factor(person).await.unwrap().is_none());
        db.store.begin_second_factor(person, "SECRETONE", now).await.unwrap();
        // Enrolling again before confirming replaces the secret.
        db.store.begin_second_factor(person, "SECRETTWO", now).await.unwrap();
        let factor = db.store.second_factor(person).await.unwrap().unwrap();
        assert_eq!((factor.secret.as_str(), factor.confirmed_at), ("SECRETTWO", None));
        // Before confirmation no code signs in.
        assert!(!db.store.accept_second_factor_step(person, 100, now, None).await.unwrap());
        let codes: Vec<String> = (0..10).map(|i| format!("CODE{i}")).collect();
        assert!(db.store.accept_second_factor_step(person, 100, now, Some(&codes)).await.unwrap());
        assert_eq!(db.store.second_factor(person).await.unwrap().unwrap().confirmed_at, Some(now));
        assert!(matches!(db.store.begin_second_factor(person, "SECRETTHREE", now).await, Err(StoreError::Conflict(_))));
        // The same step, or an earlier one, is refused; a later one is accepted.
        assert!(!db.store.accept_second_factor_step(person, 100, now, None).await.unwrap());
        assert!(!db.store.accept_second_factor_step(person, 99, now, None).await.unwrap());
        assert!(db.store.accept_second_factor_step(person, 101, now, None).await.unwrap());
        // Recovery codes: each once, only the person's own.
        assert_eq!(db.store.recovery_codes_left(person).await.unwrap(), 10);
        assert!(!db.store.use_recovery_code(cast.raiser.id, "CODE3", now).await.unwrap());
        assert!(db.store.use_recovery_code(person, "CODE3", now).await.unwrap());
        assert!(!db.store.use_recovery_code(person, "CODE3", now).await.unwrap());
        assert_eq!(db.store.recovery_codes_left(person).await.unwrap(), 9);
        let hashes: Vec<String> = recovery_codes::Entity::find().select_only().column(recovery_codes::Column::CodeHash).into_tuple().all(db.raw()).await.unwrap();
        assert!(hashes.iter().all(|h| h.len() == 64 && !h.contains("CODE")));
        // Removed: no codes left, and enrolment may start again.
        assert!(db.store.remove_second_factor(person).await.unwrap());
        assert_eq!(db.store.recovery_codes_left(person).await.unwrap(), 0);
        assert!(!db.store.remove_second_factor(person).await.unwrap());
        db.store.begin_second_factor(person, "SECRETFOUR", now).await.unwrap();
    }
}

on_both_databases! {
    async fn an_accounts_security_history_is_kept_newest_first(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let event = |kind, actor, minutes| crate::AccountEvent { kind, actor, detail: Some("Lost phone".to_owned()), address: Some("192.0.2.1".to_owned()), at: now + Duration::minutes(minutes) };
        let added = event(crate::AccountEventKind::SecondFactorAdded, None, 0);
        let removed = event(crate::AccountEventKind::SecondFactorRemoved, Some(cast.facilitator.id), 5);
        db.store.record_account_event(cast.chair.id, &added).await.unwrap();
        db.store.record_account_event(cast.chair.id, &removed).await.unwrap();
        db.store.record_account_event(cast.raiser.id, &added).await.unwrap();
        assert_eq!(db.store.account_events(cast.chair.id, 10).await.unwrap(), [removed.clone(), added]);
        assert_eq!(db.store.account_events(cast.chair.id, 1).await.unwrap(), [removed]);
    }
}

on_both_databases! {
    async fn a_provider_sign_in_is_taken_back_once_by_the_browser_that_started_it_in_time(db: TestDb) {
        let now = start();
        let attempt = |state: &str| crate::OidcAttempt {
            state: state.to_owned(),
            browser: "browser".to_owned(),
            provider: "council".to_owned(),
            nonce: "nonce".to_owned(),
            verifier: "verifier".to_owned(),
            next: "/cases".to_owned(),
        };
        let until = now + Duration::minutes(10);
        db.store.start_oidc_attempt(&attempt("one"), now, until).await.unwrap();
        let taken = db.store.take_oidc_attempt("one", "browser", now).await.unwrap().unwrap();
        assert_eq!((taken.provider.as_str(), taken.nonce.as_str(), taken.verifier.as_str(), taken.next.as_str()), ("council", "nonce", "verifier", "/cases"));
        assert!(db.store.take_oidc_attempt("one", "browser", now).await.unwrap().is_none(), "once");
        // Another browser's callback spends it and signs nobody in.
        db.store.start_oidc_attempt(&attempt("two"), now, until).await.unwrap();
        assert!(db.store.take_oidc_attempt("two", "elsewhere", now).await.unwrap().is_none());
        assert!(db.store.take_oidc_attempt("two", "browser", now).await.unwrap().is_none());
        // Ten minutes, then gone.
        db.store.start_oidc_attempt(&attempt("three"), now, until).await.unwrap();
        assert!(db.store.take_oidc_attempt("three", "browser", until).await.unwrap().is_none());
        assert!(db.store.take_oidc_attempt("never", "browser", now).await.unwrap().is_none());
    }
}
