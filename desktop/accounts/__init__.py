"""Accounts, roles and the session (issue 16). ``roles``: what each role may do and the one
check (``require``); ``store``: accounts and the password check; ``session``: who is logged in."""
from desktop.accounts.roles import (ADMIN, GATE, NOBODY, PROGRAM, ROLES, STAFF, Actor, Permission,
                                    PermissionDenied, actor_of, can, require)
from desktop.accounts.session import (DEMO_ACCOUNTS, IMPLICIT_ADMIN, initial_actor, is_demo, login,
                                      login_required, start_session)
from desktop.accounts.store import (Account, LoginRefused, change_own_password, create_account, create_first_admin,
                                    has_accounts, list_accounts, reset_password, set_disabled, set_role, verify)

__all__ = ["ADMIN", "GATE", "NOBODY", "PROGRAM", "ROLES", "STAFF", "Actor", "Permission", "PermissionDenied",
           "actor_of", "can", "require", "DEMO_ACCOUNTS", "IMPLICIT_ADMIN", "initial_actor", "is_demo", "login",
           "login_required", "start_session", "Account", "LoginRefused", "change_own_password", "create_account",
           "create_first_admin", "has_accounts", "list_accounts", "reset_password", "set_disabled", "set_role", "verify"]
