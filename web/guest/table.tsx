// Guest table island: hydrates the server-rendered table page. Built in the menus issue.
export {};
