//! Module `domains`, the shopping cart: `add_to_cart` (registration, or a
//! transfer with an EPP code) and `order_cart`, which turns every item into
//! an active domain (the demo account is post-paid, so ordering is allowed).

use super::dates;
use super::domains::{is_registered, requested_nameservers, yearly_price};
use super::proto::{reply, Params, UNKNOWN_ERROR};
use super::world::{CartItem, Domain, DomainStatus, World};
use super::xml::El;

pub fn add_to_cart(world: &mut World, params: &Params) -> El {
    const INPUTS: [&str; 9] = [
        "SLD",
        "TLD",
        "EPP",
        "OwnerHandle",
        "AdminHandle",
        "TechHandle",
        "DNS1",
        "DNS2",
        "DNS3",
    ];
    let sld = params.text("SLD").to_ascii_lowercase();
    let tld = params
        .text("TLD")
        .trim_start_matches('.')
        .to_ascii_lowercase();
    let transfer = params.required("EPP").is_some();
    let (code, text) = cart_code(world, &sld, &tld, transfer);
    if code == "Success1" {
        world.cart.push(CartItem {
            sld,
            tld,
            transfer,
            handles: ["OwnerHandle", "AdminHandle", "TechHandle"].map(|h| params.text(h)),
            nameservers: requested_nameservers(params).unwrap_or_default(),
        });
    }
    reply("Domains_Add_To_Cart", code, text).child(params.input(&INPUTS))
}

/// Error2 and Error5 (another customer) never happen: there are no other customers.
fn cart_code(world: &World, sld: &str, tld: &str, transfer: bool) -> (&'static str, &'static str) {
    if sld.chars().count() < 3 {
        ("Error6", "Domeinnaam moet uit minimaal 3 karakters bestaan")
    } else if world.cart.iter().any(|c| c.sld == sld && c.tld == tld) {
        ("Error1", "Domeinnaam staat al in winkelwagen")
    } else if world.domain_index(sld, tld).is_some() {
        ("Error4", "Domeinnaam is al eerder besteld")
    } else if is_registered(world, sld, tld) && !transfer {
        (
            "Error3",
            "Domeinnaam is actief, een verhuiscode is verplicht",
        )
    } else {
        ("Success1", "Domeinnaam is toegevoegd aan uw winkelwagen")
    }
}

/// Orders the whole cart; an item with unknown handles or missing
/// nameservers fails the order with the documented unknown error.
pub fn order_cart(world: &mut World, now: i64) -> El {
    const ROOT: &str = "Domains_Order_Cart";
    if world.cart.is_empty() {
        return reply(
            ROOT,
            "Error3",
            "Er staan geen domeinnamen in uw winkelwagen",
        );
    }
    let resolved: Option<Vec<[u64; 3]>> = world
        .cart
        .iter()
        .map(|item| cart_handles(world, item))
        .collect();
    let Some(resolved) = resolved else {
        return reply(ROOT, "Error1", UNKNOWN_ERROR);
    };
    let items = std::mem::take(&mut world.cart);
    for (item, handles) in items.into_iter().zip(resolved) {
        let id = world.new_id();
        let domain = ordered_domain(id, item, handles, now);
        world.domains.push(domain);
    }
    reply(
        ROOT,
        "Success1",
        "De domeinnamen in uw winkelwagen zijn besteld",
    )
}

fn cart_handles(world: &World, item: &CartItem) -> Option<[u64; 3]> {
    if item.nameservers.len() < 2 {
        return None;
    }
    let id = |handle: &str| Some(world.contact_by_handle(handle)?.id);
    Some([
        id(&item.handles[0])?,
        id(&item.handles[1])?,
        id(&item.handles[2])?,
    ])
}

fn ordered_domain(id: u64, item: CartItem, handles: [u64; 3], now: i64) -> Domain {
    let today = dates::day_of(now);
    let lock_available = item.tld != "be";
    let mut domain = Domain {
        id,
        registered: today,
        expires: dates::add_years(today, 1),
        locked: lock_available,
        lock_available,
        registrar_accepts_contacts: lock_available,
        status: DomainStatus::Active,
        nameservers: item.nameservers,
        owner: handles[0],
        admin: handles[1],
        tech: handles[2],
        price_cents: yearly_price(&item.tld),
        period_months: 12,
        termination: None,
        epp_requests: 0,
        history: Vec::new(),
        sld: item.sld,
        tld: item.tld,
    };
    domain.log(
        if item.transfer {
            "Verhuizing"
        } else {
            "Registratie"
        },
        now,
    );
    domain
}
