//! Two tabs on one editor: an edit names the version of the file it was
//! made against, and one made before another tab's change is refused (the
//! page is sent the file as it is now), never applied to whatever its list
//! index names since.

use serde_json::{Value, json};

use crate::edit::{Running, example};

fn version(state: &Value) -> u64 {
    state["version"].as_u64().expect("a version in the state")
}

#[test]
fn an_edit_made_before_another_tabs_change_is_refused_not_applied_elsewhere() {
    let ed = Running::start(example());
    let shown = version(&ed.json("GET", "/api/state", Value::Null).1);
    let second = ed.json("GET", "/api/state", Value::Null).1["tree"]["issues"][1]["title"].clone();

    // One tab takes the first issue out.
    let remove = json!({ "ops": [{ "op": "remove", "path": ["issues", 0] }], "version": shown });
    let (status, now) = ed.json("POST", "/api/edit", remove);
    assert_eq!(status, 200, "{now}");
    assert_eq!(now["tree"]["issues"][0]["title"], second);

    // The other, still showing the first issue, renames it: refused.
    let rename = |version: u64| {
        let op = json!({ "op": "set", "path": ["issues", 0, "title"], "value": "ชื่อจากแท็บเก่า" });
        json!({ "ops": [op], "version": version })
    };
    let (status, reply) = ed.json("POST", "/api/edit", rename(shown));
    assert_eq!(status, 409, "{reply}");
    assert!(reply["refused"].as_str().unwrap().contains("another tab"), "{reply}");
    assert_eq!(version(&reply), version(&now), "the page is sent the file as it is now");
    assert_eq!(reply["tree"]["issues"][0]["title"], second, "the other issue keeps its title");

    // From the page of an earlier run of the editor: refused too.
    let mut earlier = rename(version(&now));
    earlier["session"] = json!("an earlier run");
    assert_eq!(ed.json("POST", "/api/edit", earlier).0, 409);

    // Made again against the file as it is, it applies.
    let (status, reply) = ed.json("POST", "/api/edit", rename(version(&now)));
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["tree"]["issues"][0]["title"], "ชื่อจากแท็บเก่า");
}
