#pragma once
// Parses the command line and runs one command. Returns the process exit status.
namespace userpkg {
int run_cli(int argc, char** argv);
}
