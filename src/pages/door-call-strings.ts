/**
 * Words of the no-JavaScript "call a waiter" form on the table page and of the page its post
 * answers, in the guest page languages (English is the fallback).
 */
const en = {
  button: "Call a waiter",
  doneTitle: "A waiter is on the way",
  doneBody: "The staff have been told that someone at this table needs them. You can keep reading the menu.",
  busyTitle: "The staff have been called already",
  busyBody: "Several calls came from this table or this network a moment ago. Please wait for a waiter, or wave to the staff.",
  back: "Back to the menu",
};

export type DoorCallStrings = typeof en;

const zh: DoorCallStrings = {
  button: "呼叫服务员",
  doneTitle: "服务员马上就来",
  doneBody: "已通知工作人员本桌需要帮助。您可以继续浏览菜单。",
  busyTitle: "已经呼叫过工作人员",
  busyBody: "刚才本桌或同一网络已发出多次呼叫。请稍候服务员，或向工作人员招手示意。",
  back: "返回菜单",
};

const fr: DoorCallStrings = {
  button: "Appeler un serveur",
  doneTitle: "Un serveur arrive",
  doneBody: "Le personnel sait que quelqu'un à cette table a besoin de lui. Vous pouvez continuer à lire la carte.",
  busyTitle: "Le personnel a déjà été appelé",
  busyBody: "Plusieurs appels sont venus de cette table ou de ce réseau à l'instant. Attendez un serveur, ou faites signe au personnel.",
  back: "Retour à la carte",
};

export function doorCallStrings(lang: string): DoorCallStrings {
  if (lang.startsWith("zh")) return zh;
  if (lang.startsWith("fr")) return fr;
  return en;
}
