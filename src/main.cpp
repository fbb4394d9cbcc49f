#include "cli/app.hpp"

int main(int argc, char** argv) { return userpkg::run_cli(argc, argv); }
