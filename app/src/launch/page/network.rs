//! Network settings: VPC, subnet, public IP and the security groups (new with quick rules, or
//! existing ones).

use super::form::{field_error, Form, SectionBox};
use crate::components::feedback::{ErrorAlert, Loading};
use crate::error::AppError;
use crate::launch::{LaunchChoices, Problem, PublicIp, Section};
use crate::security_groups::QuickRule;
use leptos::prelude::*;

#[component]
pub(super) fn NetworkSection(
    form: Form,
    context: LocalResource<Result<LaunchChoices, AppError>>,
    problems: Memo<Vec<Problem>>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let ctx = Memo::new(move |_| context.get().and_then(Result::ok).unwrap_or_default());
    let is_default_vpc = move || {
        ctx.with(|c| {
            c.network
                .vpcs
                .iter()
                .any(|v| v.id == form.vpc.get() && v.is_default)
        })
    };
    let subnet_public = move || {
        let subnet = form.subnet.get();
        ctx.with(|c| {
            if subnet.is_empty() {
                c.network
                    .subnets
                    .iter()
                    .filter(|s| s.vpc_id == form.vpc.get())
                    .any(|s| s.default_for_az && s.public_ip_on_launch)
            } else {
                c.network
                    .subnets
                    .iter()
                    .any(|s| s.id == subnet && s.public_ip_on_launch)
            }
        })
    };
    view! {
        <SectionBox section=Section::Network>
            {move || context.get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            {move || context.get().is_none().then(|| view! { <Loading label=crate::tr!(launch.loading_network)/> })}
            <div class="field">
                <label for="vpc">"VPC"</label>
                <select id="vpc" on:change=move |ev| {
                    let vpc = event_target_value(&ev);
                    let first = ctx.with(|c| {
                        let default = c.network.vpcs.iter().any(|v| v.id == vpc && v.is_default);
                        (!default).then(|| c.network.subnets.iter().find(|s| s.vpc_id == vpc).map(|s| s.id.clone())).flatten()
                    });
                    form.subnet.set(first.unwrap_or_default());
                    form.groups.set(vec![]);
                    form.vpc.set(vpc);
                }>
                    {move || ctx.get().network.vpcs.into_iter().map(|v| {
                        let id = v.id.clone();
                        let label = format!("{}{} · {}{}", v.name.map(|n| format!("{n} ")).unwrap_or_default(), v.id, v.cidr, if v.is_default { crate::tr!(launch.default_marker) } else { "" });
                        view! { <option value=id.clone() selected=move || form.vpc.get() == id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {field_error(problems, attempted, "vpc")}
            <div class="field">
                <label for="subnet">{crate::tr!(launch.label_subnet)}</label>
                <select id="subnet" aria-describedby="subnet-error" on:change=move |ev| form.subnet.set(event_target_value(&ev))>
                    {move || is_default_vpc().then(|| view! { <option value="" selected=move || form.subnet.with(String::is_empty)>{crate::tr!(launch.no_subnet_preference)}</option> })}
                    {move || ctx.get().network.subnets.into_iter().filter(|s| s.vpc_id == form.vpc.get()).map(|s| {
                        let id = s.id.clone();
                        let label = crate::tr!(launch.subnet_option, subnet = s.label(), count = s.available_ips);
                        view! { <option value=id.clone() selected=move || form.subnet.get() == id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            {field_error(problems, attempted, "subnet")}
            <div class="field">
                <label for="public-ip">{crate::tr!(launch.public_ip)}</label>
                <select id="public-ip" on:change=move |ev| form.public_ip.set(match event_target_value(&ev).as_str() {
                    "enable" => PublicIp::Enable,
                    "disable" => PublicIp::Disable,
                    _ => PublicIp::SubnetDefault,
                })>
                    <option value="default" selected=move || form.public_ip.get() == PublicIp::SubnetDefault>
                        {move || if subnet_public() { crate::tr!(launch.subnet_default_enabled) } else { crate::tr!(launch.subnet_default_disabled) }}
                    </option>
                    <option value="enable" selected=move || form.public_ip.get() == PublicIp::Enable>{crate::tr!(launch.enable)}</option>
                    <option value="disable" selected=move || form.public_ip.get() == PublicIp::Disable>{crate::tr!(launch.disable)}</option>
                </select>
            </div>
            <fieldset id="security-groups" tabindex="-1" aria-describedby="security-groups-error">
                <legend>{crate::tr!(launch.firewall)}</legend>
                <div class="field checkbox">
                    <input type="radio" name="sg-mode" id="sg-create" prop:checked=move || form.create_group.get() on:change=move |_| form.create_group.set(true)/>
                    <label for="sg-create">{crate::tr!(launch.create_group)}</label>
                </div>
                <div class="field checkbox">
                    <input type="radio" name="sg-mode" id="sg-existing" prop:checked=move || !form.create_group.get() on:change=move |_| form.create_group.set(false)/>
                    <label for="sg-existing">{crate::tr!(launch.existing_groups)}</label>
                </div>
                {move || if form.create_group.get() {
                    view! {
                        <div class="new-group">
                            <div class="field">
                                <label for="new-group-name">{crate::tr!(launch.group_name_label)}</label>
                                <input id="new-group-name" type="text" prop:value=move || form.group_name.get() aria-describedby="new-group-name-error"
                                    on:input=move |ev| form.group_name.set(event_target_value(&ev))/>
                            </div>
                            {field_error(problems, attempted, "new-group-name")}
                            <div class="field">
                                <label for="new-group-description">{crate::tr!(launch.description)}</label>
                                <input id="new-group-description" type="text" prop:value=move || form.group_description.get() aria-describedby="new-group-description-error"
                                    on:input=move |ev| form.group_description.set(event_target_value(&ev))/>
                            </div>
                            {field_error(problems, attempted, "new-group-description")}
                            <ul id="quick-rules" class="quick-rules">
                                {QuickRule::ALL.into_iter().map(|rule| {
                                    let id = rule.id();
                                    view! {
                                        <li class="field checkbox">
                                            <input type="checkbox" id=id prop:checked=move || form.quick_rules.with(|r| r.contains(&rule))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    form.quick_rules.update(|r| { r.retain(|x| *x != rule); if on { r.push(rule); } });
                                                }/>
                                            <label for=id>{rule.label()}</label>
                                            " " <code class="rule-text">{move || rule.rule(&form.my_ip.get()).describe()}</code>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {move || form.quick_rules.get().iter().any(|r| r.rule(&form.my_ip.get()).is_open_to_world()).then(|| view! {
                                <p class="warning" role="note">{crate::tr!(launch.open_to_world_warning)}</p>
                            })}
                            {field_error(problems, attempted, "quick-rules")}
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ul class="group-choices">
                            {move || ctx.get().security_groups.into_iter().filter(|g| g.vpc_id == form.vpc.get()).map(|g| {
                                let id = format!("group-{}", g.id);
                                let gid = g.id.clone();
                                let toggle = g.id.clone();
                                view! {
                                    <li class="field checkbox">
                                        <input type="checkbox" id=id.clone() prop:checked=move || form.groups.with(|s| s.contains(&gid))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let g = toggle.clone();
                                                form.groups.update(|s| { s.retain(|x| *x != g); if on { s.push(g); } });
                                            }/>
                                        <label for=id>{crate::tr!(launch.group_option, name = g.name, id = g.id, count = g.inbound_rules)}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </fieldset>
            {field_error(problems, attempted, "security-groups")}
        </SectionBox>
    }
}
