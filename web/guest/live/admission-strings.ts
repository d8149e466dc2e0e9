/** Words of joining a table (asking, letting in, the join code) and of a paused table, in the guest page languages. */
const en = {
  askingTitle: "Asking to join table {table}",
  askingBody: "Someone is already at this table. Ask them to tap “Let in” on their phone, or type the join code shown on their phone.",
  codeLabel: "Join code",
  codeJoin: "Join",
  helpHint: "Nobody you know at this table? Ask the staff: they can start a new order for your party.",
  helpButton: "Ask the staff for help",
  helpAsked: "The staff have been told. A waiter will come to your table.",
  declinedTitle: "You were not let in",
  declinedBody: "The guests at this table did not let this phone in. If this is your table, ask the staff for help.",
  expiredTitle: "Nobody answered in time",
  expiredBody: "Ask again, or type the join code from a phone at the table.",
  askAgain: "Ask again",
  letInTitle: "A new guest wants to join",
  letIn: "Let in",
  notNow: "Not now",
  joinCode: "Join code for friends at your table",
  joinCodeHint: "A friend who scans the table's QR code can type it to join.",
  awaitingStaff: "Your first order waits for a staff member to confirm it. It goes to the kitchen as soon as they do.",
  replacedTitle: "This table is open on another screen",
  replacedBody: "This phone has the table open in too many tabs, so this one was paused.",
  useHere: "Use it here",
  e_merchant_suspended: "This restaurant is not taking orders right now. Your table and cart are kept; ask the staff.",
  e_store_closed: "The restaurant is closed for orders right now. Your table and cart are kept; ask the staff.",
  e_wrong_join_code: "That is not this table's code. Check the code on a phone at the table.",
  e_join_locked: "Too many wrong codes. Ask someone at the table to tap “Let in”, or ask the staff.",
  e_too_many_requests: "Too many phones are asking to join this table. Wait a few minutes, or ask the staff.",
  e_request_not_found: "This request has expired. Ask again.",
};

export type AdmissionStrings = typeof en;

const zh: AdmissionStrings = {
  askingTitle: "正在申请加入 {table} 桌",
  askingBody: "这张桌已经有人了。请他们在手机上点“让其加入”，或输入他们手机上显示的加入码。",
  codeLabel: "加入码",
  codeJoin: "加入",
  helpHint: "这桌没有您认识的人？请联系工作人员，他们可以为您这一桌重新开单。",
  helpButton: "请工作人员帮忙",
  helpAsked: "已通知工作人员，服务员会到您桌前。",
  declinedTitle: "未获准加入",
  declinedBody: "这桌的客人没有让这部手机加入。如果这是您的桌子，请联系工作人员。",
  expiredTitle: "无人及时回应",
  expiredBody: "请再次申请，或输入同桌手机上显示的加入码。",
  askAgain: "再次申请",
  letInTitle: "有新客人想加入",
  letIn: "让其加入",
  notNow: "暂不",
  joinCode: "同桌朋友的加入码",
  joinCodeHint: "朋友扫描桌上的二维码后，输入此码即可加入。",
  awaitingStaff: "您的第一轮点单正等待工作人员确认，确认后即送往厨房。",
  replacedTitle: "本桌已在其他页面打开",
  replacedBody: "这部手机打开本桌的标签页过多，因此此页已暂停。",
  useHere: "在此页继续",
  e_merchant_suspended: "本餐厅目前暂停接单。您的桌位和购物车均已保留，请联系工作人员。",
  e_store_closed: "本店目前暂停点餐。您的桌位和购物车均已保留，请联系工作人员。",
  e_wrong_join_code: "加入码不正确。请核对同桌手机上显示的加入码。",
  e_join_locked: "错误次数过多。请同桌的人点“让其加入”，或联系工作人员。",
  e_too_many_requests: "申请加入本桌的手机过多。请稍等几分钟，或联系工作人员。",
  e_request_not_found: "此申请已过期，请再次申请。",
};

const fr: AdmissionStrings = {
  askingTitle: "Demande pour rejoindre la table {table}",
  askingBody: "Quelqu'un est déjà à cette table. Demandez-lui de toucher « Faire entrer » sur son téléphone, ou tapez le code affiché sur son téléphone.",
  codeLabel: "Code de la table",
  codeJoin: "Rejoindre",
  helpHint: "Personne que vous connaissez à cette table ? Demandez au personnel : il peut ouvrir une nouvelle commande pour votre groupe.",
  helpButton: "Demander de l'aide au personnel",
  helpAsked: "Le personnel est prévenu. Un serveur va venir à votre table.",
  declinedTitle: "Vous n'avez pas été admis",
  declinedBody: "Les convives de cette table n'ont pas fait entrer ce téléphone. Si c'est votre table, demandez de l'aide au personnel.",
  expiredTitle: "Personne n'a répondu à temps",
  expiredBody: "Demandez à nouveau, ou tapez le code affiché sur un téléphone de la table.",
  askAgain: "Demander à nouveau",
  letInTitle: "Un nouveau convive veut rejoindre la table",
  letIn: "Faire entrer",
  notNow: "Pas maintenant",
  joinCode: "Code pour vos amis à table",
  joinCodeHint: "Un ami qui scanne le QR code de la table peut le taper pour vous rejoindre.",
  awaitingStaff: "Votre première commande attend la confirmation du personnel. Elle part en cuisine dès qu'il la confirme.",
  replacedTitle: "Cette table est ouverte sur un autre écran",
  replacedBody: "Ce téléphone a ouvert la table dans trop d'onglets ; celui-ci a été mis en pause.",
  useHere: "Continuer ici",
  e_merchant_suspended: "Ce restaurant ne prend pas de commandes pour le moment. Votre table et votre panier sont conservés ; demandez au personnel.",
  e_store_closed: "Le restaurant ne prend plus de commandes pour le moment. Votre table et votre panier sont conservés ; demandez au personnel.",
  e_wrong_join_code: "Ce n'est pas le code de cette table. Vérifiez le code sur un téléphone de la table.",
  e_join_locked: "Trop de codes erronés. Demandez à quelqu'un de la table de toucher « Faire entrer », ou demandez au personnel.",
  e_too_many_requests: "Trop de téléphones demandent à rejoindre cette table. Patientez quelques minutes, ou demandez au personnel.",
  e_request_not_found: "Cette demande a expiré. Demandez à nouveau.",
};

export function admissionStrings(lang: string): AdmissionStrings {
  const l = lang.toLowerCase();
  return l.startsWith("zh") ? zh : l.startsWith("fr") ? fr : en;
}

/** A refusal about joining or a paused table in the guest's language, or null for other codes. */
export function admissionRefusal(a: AdmissionStrings, error: { code: string }): string | null {
  return (a as unknown as Record<string, string | undefined>)[`e_${error.code}`] ?? null;
}
