#include "util/process_group.hpp"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace userpkg {
namespace {

volatile sig_atomic_t g_caught = 0;
std::mutex g_watch_mutex;
int g_watchers = 0;
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous[3];

extern "C" void note_signal(int signal_number) { g_caught = signal_number; }

bool all_digits(const char* s) {
  if (!*s) return false;
  for (; *s; ++s)
    if (!std::isdigit(static_cast<unsigned char>(*s))) return false;
  return true;
}

}  // namespace

std::vector<GroupMember> group_members(pid_t pgid) {
  std::vector<GroupMember> out;
  DIR* proc = opendir("/proc");
  if (!proc) return out;
  while (dirent* entry = readdir(proc)) {
    if (!all_digits(entry->d_name)) continue;
    std::ifstream in(std::string("/proc/") + entry->d_name + "/stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split at the last ')'.
    auto open = line.find('('), close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) continue;
    std::istringstream rest(line.substr(close + 1));
    char state = 0;
    long ppid = 0, pgrp = 0;
    if (!(rest >> state >> ppid >> pgrp)) continue;
    if (pgrp != pgid || state == 'Z' || state == 'X') continue;
    out.push_back({static_cast<pid_t>(std::atol(entry->d_name)), line.substr(open + 1, close - open - 1)});
  }
  closedir(proc);
  return out;
}

void end_group(pid_t pgid, std::chrono::milliseconds grace) {
  if (::kill(-pgid, 0) != 0) return;  // nobody left
  ::kill(-pgid, SIGTERM);
  ::kill(-pgid, SIGCONT);  // a stopped process only sees SIGTERM once it runs
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::kill(-pgid, 0) != 0 || group_members(pgid).empty()) return;  // zombies wait for their reaper
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(-pgid, SIGKILL);
}

InterruptWatch::InterruptWatch() {
  std::lock_guard<std::mutex> lock(g_watch_mutex);
  if (g_watchers++ > 0) return;
  struct sigaction action {};
  action.sa_handler = note_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: poll() and sleeps return early
  for (int i = 0; i < 3; ++i) {
    sigaction(kSignals[i], nullptr, &g_previous[i]);
    if (g_previous[i].sa_handler != SIG_IGN) sigaction(kSignals[i], &action, nullptr);  // nohup's stays ignored
  }
}

InterruptWatch::~InterruptWatch() {
  std::lock_guard<std::mutex> lock(g_watch_mutex);
  if (--g_watchers > 0) return;
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &g_previous[i], nullptr);
}

int InterruptWatch::caught() { return g_caught; }

void InterruptWatch::reraise(int signal_number) {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(signal_number, &action, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signal_number);
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  ::raise(signal_number);
  std::_Exit(128 + signal_number);  // a signal that did not end us (ignored by a parent's choice)
}

}  // namespace userpkg
