//! Organisations and people.

use disputes_workflow::*;

use super::{Cast, on_both_databases, start};
use crate::{NewOrganisation, NewPerson, PageRequest, StoreError};

on_both_databases! {
    async fn names_and_emails_are_unique(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let again = db
            .store
            .create_organisation(
                NewOrganisation {
                    name: "Age Concern Leicestershire".into(),
                    sector: Sector::Vcs,
                    grouping: "Voluntary and Community".into(),
                    signatory_since: None,
                },
                start(),
            )
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))));
        // A name is the same name whatever its case and spacing.
        let shouted = NewOrganisation {
            name: "AGE CONCERN  leicestershire".into(),
            sector: Sector::Vcs,
            grouping: "Voluntary and Community".into(),
            signatory_since: None,
        };
        let refused = db.store.create_organisation(shouted.clone(), start()).await;
        assert!(matches!(refused, Err(StoreError::Conflict(_))), "{refused:?}");
        let renamed = db
            .store
            .update_organisation(cast.council, crate::OrganisationChanges { name: Some(shouted.name), ..Default::default() })
            .await;
        assert!(matches!(renamed, Err(StoreError::Conflict(_))), "{renamed:?}");
        // An address is the same address in either Unicode form.
        let zoe = NewPerson {
            email: "zo\u{e9}@example.org".into(),
            name: "Zo\u{e9}".into(),
            organisation_id: cast.volunteers,
            roles: Roles::from([Role::Member]),
            password_hash: "x".into(),
            language: disputes_i18n::Lang::Cy,
        };
        let created = db.store.create_person(zoe.clone(), start()).await.unwrap();
        // The language a person reads in is kept.
        assert_eq!(db.store.person(created.person.id).await.unwrap().language, disputes_i18n::Lang::Cy);
        let decomposed = NewPerson { email: "ZOE\u{301}@example.org".into(), ..zoe };
        let refused = db.store.create_person(decomposed, start()).await;
        assert!(matches!(refused, Err(StoreError::Conflict(_))), "{refused:?}");
        let duplicate = NewPerson {
            email: "  PERSON1@example.ORG ".into(),
            name: "Someone".into(),
            organisation_id: cast.volunteers,
            roles: Roles::from([Role::Member]),
            password_hash: "x".into(),
            language: disputes_i18n::Lang::En,
        };
        let refused = db.store.create_person(duplicate.clone(), start()).await;
        assert!(matches!(refused, Err(StoreError::Conflict(_))));
        let nowhere = NewPerson { email: "new@example.org".into(), organisation_id: OrganisationId(999), ..duplicate };
        let refused = db.store.create_person(nowhere, start()).await;
        assert!(matches!(refused, Err(StoreError::Refused(_))));
    }

    async fn people_are_found_by_id_and_by_email_in_any_case(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let record = db.store.person(cast.chair.id).await.unwrap();
        assert_eq!(record.person, cast.chair);
        assert_eq!(record.email, "person4@example.org");
        let (found, hash) = db.store.credentials("Person4@EXAMPLE.org").await.unwrap().unwrap();
        assert_eq!(found.person, cast.chair);
        assert!(hash.starts_with("$argon2id$"));
        assert!(db.store.credentials("nobody@example.org").await.unwrap().is_none());
        assert!(matches!(db.store.person(PersonId(999)).await, Err(StoreError::NotFound)));
        let page = db.store.people(PageRequest::new(1, 3)).await.unwrap();
        assert_eq!((page.items.len(), page.total), (3, 10));
        let organisations = db.store.organisations(PageRequest::default()).await.unwrap();
        assert_eq!(organisations.total, 8);
        assert_eq!(organisations.items[0].name, "Age Concern Leicestershire");
        let all = db.store.all_organisations().await.unwrap();
        assert_eq!(all, organisations.items);
        assert_eq!(db.store.organisation(cast.council).await.unwrap().sector, Sector::Psa);
    }

    async fn panel_candidates_carry_sector_and_roles(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let ids = [cast.panel[0].id, cast.panel[1].id];
        let candidates = db.store.panel_candidates(&ids).await.unwrap();
        assert_eq!(candidates[0].sector, Sector::Vcs);
        assert_eq!(candidates[1].sector, Sector::Psa);
        assert!(candidates.iter().all(|c| c.roles.contains(Role::Subgroup)));
        let subgroup = db.store.people_with_role(Role::Subgroup).await.unwrap();
        assert!(subgroup.iter().all(|p| p.person.has(Role::Subgroup) && p.active));
        for member in &cast.panel {
            assert!(subgroup.iter().any(|p| p.person.id == member.id));
        }
        assert!(subgroup.iter().all(|p| p.person.id != cast.raiser.id));
        let names: Vec<&str> = subgroup.iter().map(|p| p.name.as_str()).collect();
        assert!(names.is_sorted());
        let unknown = db.store.panel_candidates(&[cast.panel[0].id, PersonId(999)]).await;
        match unknown {
            Err(StoreError::Refused(Refusal::Invalid(errors))) => assert_eq!(errors[0].field, "member_ids[1]"),
            other => panic!("{other:?}"),
        }
    }
}

on_both_databases! {
    async fn organisations_and_people_can_be_changed(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let changed = db
            .store
            .update_organisation(
                cast.volunteers,
                crate::OrganisationChanges {
                    name: Some("Age UK Leicester Shire & Rutland".into()),
                    signatory_since: Some(Some("2010-07-30".parse().unwrap())),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(changed.name, "Age UK Leicester Shire & Rutland");
        assert_eq!(changed.sector, Sector::Vcs);
        let clash = db
            .store
            .update_organisation(
                cast.volunteers,
                crate::OrganisationChanges { name: Some("Leicestershire County Council".into()), ..Default::default() },
            )
            .await;
        assert!(matches!(clash, Err(StoreError::Conflict(_))));

        let person = db
            .store
            .update_person(
                cast.raiser.id,
                crate::PersonChanges {
                    roles: Some(Roles::from([Role::Member, Role::Champion])),
                    active: Some(false),
                    language: Some(disputes_i18n::Lang::Cy),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(person.person.has(Role::Champion) && !person.active);
        assert_eq!(person.language, disputes_i18n::Lang::Cy);
        assert_eq!(db.store.person(cast.raiser.id).await.unwrap(), person);
        let nowhere = db
            .store
            .update_person(
                cast.raiser.id,
                crate::PersonChanges { organisation_id: Some(OrganisationId(999)), ..Default::default() },
            )
            .await;
        assert!(matches!(nowhere, Err(StoreError::Refused(_))));
        let missing = db.store.update_person(PersonId(999), crate::PersonChanges::default()).await;
        assert!(matches!(missing, Err(StoreError::NotFound)));
    }

    async fn failed_sign_ins_are_counted_per_key_and_forgotten(db: TestDb) {
        let now = start();
        let keys = ["account:a@example.org".to_owned(), "address:127.0.0.1".to_owned()];
        for minute in 0..3 {
            db.store.record_login_failure(&keys, now + chrono::Duration::minutes(minute)).await.unwrap();
        }
        assert_eq!(db.store.login_failures_since(&keys[0], now).await.unwrap().len(), 3);
        let late = db.store.login_failures_since(&keys[1], now + chrono::Duration::minutes(2)).await.unwrap();
        assert_eq!(late, [now + chrono::Duration::minutes(2)]);
        db.store.clear_login_failures(&keys[0], now - chrono::Duration::days(1)).await.unwrap();
        assert_eq!(db.store.login_failures_since(&keys[0], now).await.unwrap().len(), 0);
        assert_eq!(db.store.login_failures_since(&keys[1], now).await.unwrap().len(), 3);
    }
}

on_both_databases! {
    async fn a_browser_is_trusted_for_one_account_until_its_trust_lapses(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let now = start();
        let secret = "d".repeat(64);
        db.store.trust_device(cast.raiser.id, &secret, now, now + chrono::Duration::days(30)).await.unwrap();
        assert_eq!(db.store.trusted_device_holder(&secret, now).await.unwrap(), Some(cast.raiser.id));
        assert_eq!(db.store.trusted_device_holder(&"e".repeat(64), now).await.unwrap(), None);
        let lapsed = now + chrono::Duration::days(31);
        assert_eq!(db.store.trusted_device_holder(&secret, lapsed).await.unwrap(), None);
    }

    async fn the_cases_a_person_raised_lately_are_counted(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let (first, second) = (start(), start() + chrono::Duration::minutes(5));
        for at in [first, second] {
            db.store.raise_case(cast.new_case(), &cast.raiser, at, &crate::tests::settings()).await.unwrap();
        }
        let since = start() - chrono::Duration::hours(1);
        let nth = |person, since, n| db.store.nth_latest_raise(person, since, n);
        assert_eq!(nth(cast.raiser.id, since, 1).await.unwrap(), Some(second));
        assert_eq!(nth(cast.raiser.id, since, 2).await.unwrap(), Some(first));
        assert_eq!(nth(cast.raiser.id, since, 3).await.unwrap(), None);
        assert_eq!(nth(cast.raiser.id, since, 0).await.unwrap(), None);
        assert_eq!(nth(cast.respondent.id, since, 1).await.unwrap(), None);
        let later = start() + chrono::Duration::seconds(1);
        assert_eq!(nth(cast.raiser.id, later, 1).await.unwrap(), Some(second));
        assert_eq!(nth(cast.raiser.id, later, 2).await.unwrap(), None);
    }
}
