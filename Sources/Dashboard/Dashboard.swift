// Dashboard module.
