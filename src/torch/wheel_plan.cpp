#include "torch/wheel_plan.hpp"

#include "torch/release_matrix.hpp"
#include "util/error.hpp"
#include "wheel/simple_index.hpp"

namespace userpkg {

TorchFacts gather_torch_facts(const StackSettings& stack, const PrefixLayout& layout, const Environment& env) {
  TorchFacts facts;
  facts.glibc = detect_glibc(env);
  facts.arch = detect_arch();
  facts.driver = detect_nvidia_driver(DriverProbe{env});
  facts.python = resolve_target_python(stack.python, layout);
  return facts;
}

WheelTarget torch_wheel_target(const TorchFacts& facts) {
  if (!facts.arch.supported())
    throw Error("no PyTorch wheels for this CPU (" + facts.arch.machine + ")",
                "wheels are published for x86_64 and aarch64 Linux", "build PyTorch from source on this machine");
  return WheelTarget::from_versions(facts.python.version, facts.glibc.version, facts.arch.wheel);
}

std::string variant_page_url(std::string_view torch_index, std::string_view variant, std::string_view project) {
  std::string url(torch_index);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/" + std::string(variant) + "/" + std::string(project) + "/";
}

ChosenWheel choose_wheel_on_page(std::string_view project, const Version& version, std::string_view variant,
                                 const StackSettings& stack, const WheelTarget& target, const IndexPageSource& pages) {
  ChosenWheel out{std::string(project), version, variant_page_url(stack.torch_index, variant, project), {}, {}};
  IndexPage page = pages(out.page_url);
  std::vector<IndexFile> files = parse_simple_index(page.body, page.content_type, page.url);
  out.skipped = drop_unusable_files(files, page.url);
  // This release (recipe versions are full: "2.1.2").
  const VersionConstraint wanted = VersionConstraint::parse(version.str());
  try {
    out.wheel = select_wheel(files, project, wanted, target);
  } catch (const Error& e) {
    std::string why = e.why();
    if (!out.skipped.empty())
      why += std::string(why.empty() ? "" : "\n") + "left out " + std::to_string(out.skipped.size()) +
             " unusable file(s) of the page, e.g. " + out.skipped.front().shown_name + ": " + out.skipped.front().why;
    throw Error(std::string(e.what()) + " (" + std::string(variant) + " build, " + out.page_url + ")", why, e.hint());
  }
  require_verified(out.wheel, stack.allow_unverified);
  return out;
}

TorchWheelPlan plan_torch_wheel(std::string_view project, const Version& version, const StackSettings& stack,
                                const TorchFacts& facts, const IndexPageSource& pages) {
  std::optional<Version> torch = torch_release_of(project, version);
  if (!torch)
    throw Error("userpkg does not know which torch release " + std::string(project) + " " + version.str() +
                    " belongs to",
                "its table of PyTorch releases (src/torch/release_matrix.cpp) does not list it",
                "install a listed version (`userpkg versions " + std::string(project) + "`)");
  TorchWheelPlan plan{*torch, choose_variant(stack.cuda, *torch, variants_for_torch(*torch), facts.driver, stack.force),
                      torch_wheel_target(facts), {}, {}};
  plan.main = choose_wheel_on_page(project, version, plan.variant.variant, stack, plan.target, pages);
  // torchvision and torchaudio pin their torch exactly; it comes from the same variant page, never
  // from PyPI (whose torch is another build).
  if (project != "torch")
    plan.extras.push_back(choose_wheel_on_page("torch", *torch, plan.variant.variant, stack, plan.target, pages));
  return plan;
}

std::vector<std::string> describe_plan(const TorchWheelPlan& plan, const TorchFacts& facts) {
  std::vector<std::string> lines;
  lines.push_back("variant:   " + plan.variant.variant + " (" + plan.variant.reason + ")");
  for (const std::string& note : plan.variant.notes) lines.push_back("           note: " + note);
  lines.push_back("python:    " + facts.python.executable.string() + " (" + facts.python.version.str() + ", tag " +
                  facts.python.cp_tag() + ")");
  lines.push_back("platform:  glibc " + facts.glibc.version.str() + " (" + facts.glibc.source + "), " +
                  facts.arch.machine + ": linux_" + facts.arch.wheel + " or manylinux_2_N_" + facts.arch.wheel +
                  " with N <= " + std::to_string(plan.target.glibc_minor));
  lines.push_back("driver:    " + describe_driver(facts.driver));
  auto wheel_lines = [&](const ChosenWheel& c, const std::string& label) {
    lines.push_back(label + c.wheel.file.file_name);
    lines.push_back("           from " + c.page_url);
    lines.push_back("           sha256 " + (c.wheel.verified()                  ? c.wheel.file.sha256
                                            : c.wheel.file.bad_sha256.empty() ? std::string("(none published)")
                                                                              : "(malformed: \"" +
                                                                                    printable_excerpt(c.wheel.file.bad_sha256, 24) + "\")"));
  };
  wheel_lines(plan.main, "wheel:     ");
  for (const ChosenWheel& extra : plan.extras) wheel_lines(extra, "with:      ");
  return lines;
}

std::vector<std::string> skipped_files_lines(const TorchWheelPlan& plan) {
  std::vector<std::string> lines;
  auto add = [&](const ChosenWheel& c) {
    for (const SkippedIndexFile& s : c.skipped)
      lines.push_back("skipped " + s.shown_name + " on " + c.page_url + ": " + s.why);
  };
  add(plan.main);
  for (const ChosenWheel& extra : plan.extras) add(extra);
  return lines;
}

}  // namespace userpkg
